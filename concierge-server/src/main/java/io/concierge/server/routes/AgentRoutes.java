package io.concierge.server.routes;

import io.concierge.api.Concierge;
import io.concierge.server.http.ApiError;
import io.concierge.server.http.Exchange;
import io.concierge.server.http.Router;
import io.concierge.server.json.JsonViews;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * {@code /api/agents} (the agents taking work from the workspace's queue, each with its
 * heartbeat's age and whether it looks dead) and {@code /api/queue} (how many jobs wait, by
 * package). An agent is stale after three lease periods without a heartbeat; the lease is the
 * agents' own setting, 30 s unless {@code ?lease_seconds=} says otherwise.
 */
public final class AgentRoutes implements Routes {
    private static final long DEFAULT_LEASE_SECONDS = 30;

    private final Concierge concierge;
    private final JsonViews views;

    /**
     * Creates the endpoints.
     *
     * @param concierge the Concierge served
     * @param views     the views
     */
    public AgentRoutes(Concierge concierge, JsonViews views) {
        this.concierge = concierge;
        this.views = views;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/api/agents", Set.of("lease_seconds"), this::agents)
                .add("GET", "/api/queue", this::queue);
    }

    private void agents(Exchange ex) throws IOException {
        Duration lease = Duration.ofSeconds(ex.query("lease_seconds").filter(s -> !s.isBlank())
                .map(AgentRoutes::leaseSeconds).orElse(DEFAULT_LEASE_SECONDS));
        Instant now = Instant.now();
        ex.send(200, views.list(concierge.agents(), a -> views.agent(a, now, lease)));
    }

    private void queue(Exchange ex) throws IOException {
        ex.send(200, views.queue(concierge.queueDepth()));
    }

    private static long leaseSeconds(String text) {
        try {
            long seconds = Long.parseLong(text);
            if (seconds >= 1 && seconds <= 3600) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw ApiError.badRequest("lease_seconds must be a whole number of seconds from 1 to 3600, got '" + text + "'");
    }
}
