package io.concierge.server.routes;

import io.concierge.server.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** {@code /openapi.json}: the hand-written OpenAPI 3.0 description of this API. */
public final class OpenApiRoute implements Routes {
    /** Where the document is on the class path. */
    public static final String RESOURCE = "/io/concierge/server/openapi.json";

    private final byte[] document;

    /** Loads the document from the class path. */
    public OpenApiRoute() {
        try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing class path resource " + RESOURCE);
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/openapi.json", ex -> {
            try (OutputStream out = ex.startResponse(200, "application/json; charset=utf-8", document.length)) {
                out.write(document);
            }
        });
    }
}
