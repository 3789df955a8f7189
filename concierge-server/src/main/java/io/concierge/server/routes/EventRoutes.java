package io.concierge.server.routes;

import io.concierge.api.Concierge;
import io.concierge.server.http.Router;
import io.concierge.server.json.JsonViews;
import io.concierge.server.sse.EventStream;

/** {@code /api/jobs/{id}/events}: the event log as an array, or live as Server-Sent Events. */
public final class EventRoutes implements Routes {
    private final Concierge concierge;
    private final JsonViews views;
    private final EventStream stream;

    /**
     * Creates the endpoints.
     *
     * @param concierge the Concierge served
     * @param views     the event views
     * @param stream    the live stream
     */
    public EventRoutes(Concierge concierge, JsonViews views, EventStream stream) {
        this.concierge = concierge;
        this.views = views;
        this.stream = stream;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/api/jobs/{id}/events", java.util.Set.of("all_runs"),
                        ex -> ex.send(200, views.list(concierge.events(ex.param("id"), ex.queryFlag("all_runs")), views::event)))
                .add("GET", "/api/jobs/{id}/events/stream",
                        ex -> stream.stream(ex, concierge.job(ex.param("id")).id()));
    }
}
