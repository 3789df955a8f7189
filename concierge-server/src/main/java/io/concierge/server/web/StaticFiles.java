package io.concierge.server.web;

import io.concierge.server.http.Exchange;
import io.concierge.server.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Serves the dashboard: {@code /} and {@code /jobs/{id}} give the page, {@code /app.js} and
 * {@code /app.css} its script and style. Files come from the class path, read once; answers
 * carry a Content-Security-Policy that allows only this server's own scripts, styles and API.
 */
public final class StaticFiles {
    private static final String BASE = "/io/concierge/server/web/";
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final byte[] page = load("index.html");
    private final byte[] script = load("app.js");
    private final byte[] style = load("app.css");

    /** Loads the files. */
    public StaticFiles() {
    }

    /**
     * Adds the dashboard's routes.
     *
     * @param router the (unauthenticated) route table for the dashboard
     */
    public void register(Router router) {
        router.add("GET", "/", ex -> send(ex, page, "text/html; charset=utf-8"))
                .add("GET", "/jobs/{id}", ex -> send(ex, page, "text/html; charset=utf-8"))
                .add("GET", "/app.js", ex -> send(ex, script, "text/javascript; charset=utf-8"))
                .add("GET", "/app.css", ex -> send(ex, style, "text/css; charset=utf-8"));
    }

    private static void send(Exchange ex, byte[] body, String type) throws IOException {
        ex.setHeader("Content-Security-Policy", CSP);
        ex.setHeader("Referrer-Policy", "no-referrer");
        ex.setHeader("Cache-Control", "no-cache");
        try (OutputStream out = ex.startResponse(200, type, body.length)) {
            out.write(body);
        }
    }

    private static byte[] load(String name) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("missing class path resource " + BASE + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
