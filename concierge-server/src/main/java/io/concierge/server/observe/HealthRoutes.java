package io.concierge.server.observe;

import io.concierge.api.Concierge;
import io.concierge.server.http.ApiError;
import io.concierge.server.http.Exchange;
import io.concierge.server.http.Router;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * {@code /healthz} (the process answers), {@code /readyz} (it serves and can read its workspace)
 * and {@code /metrics} (Prometheus text). The probes hold no data and need no token; the metrics
 * sit behind the token check with the API.
 */
public final class HealthRoutes {
    private final Concierge concierge;
    private final ServerMetrics metrics;
    private final BooleanSupplier serving;

    /**
     * Creates the endpoints.
     *
     * @param concierge the Concierge served
     * @param metrics   the meters
     * @param serving   false once the server is closing
     */
    public HealthRoutes(Concierge concierge, ServerMetrics metrics, BooleanSupplier serving) {
        this.concierge = concierge;
        this.metrics = metrics;
        this.serving = serving;
    }

    /**
     * Adds the probes.
     *
     * @param open the route table that needs no token
     */
    public void registerProbes(Router open) {
        open.add("GET", "/healthz", ex -> ex.send(200, ex.json().object().put("status", "ok")))
                .add("GET", "/readyz", this::ready);
    }

    /**
     * Adds {@code /metrics}.
     *
     * @param api the route table behind the token check
     */
    public void registerMetrics(Router api) {
        api.add("GET", "/metrics", ex -> {
            byte[] text = metrics.scrape().getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = ex.startResponse(200, "text/plain; version=0.0.4; charset=utf-8", text.length)) {
                out.write(text);
            }
        });
    }

    private void ready(Exchange ex) throws IOException {
        if (!serving.getAsBoolean()) {
            throw new ApiError(503, "unavailable", "the server is shutting down");
        }
        try {
            concierge.workspace().root();
            concierge.packages();
        } catch (RuntimeException e) {
            throw new ApiError(503, "unavailable", "the workspace cannot be read (" + e.getMessage()
                    + "); check the workspace folder and its configuration");
        }
        ex.send(200, ex.json().object().put("status", "ready"));
    }
}
