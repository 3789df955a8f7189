package io.concierge.server.routes;

import io.concierge.api.Concierge;
import io.concierge.server.http.ApiError;
import io.concierge.server.http.Exchange;
import io.concierge.server.http.Router;
import io.concierge.server.json.JsonViews;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** {@code /api/audit?since=ISO}: every approval and run event across all jobs, oldest first. */
public final class AuditRoutes implements Routes {
    private final Concierge concierge;
    private final JsonViews views;

    /**
     * Creates the endpoint.
     *
     * @param concierge the Concierge served
     * @param views     the event views
     */
    public AuditRoutes(Concierge concierge, JsonViews views) {
        this.concierge = concierge;
        this.views = views;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/api/audit", java.util.Set.of("since"), this::audit);
    }

    private void audit(Exchange ex) throws IOException {
        Instant since = ex.query("since").filter(s -> !s.isBlank()).map(AuditRoutes::instant).orElse(null);
        ex.send(200, views.list(concierge.audit(since), views::event));
    }

    /** {@code 2026-11-25T13:00:00Z}, with any offset, or a date ({@code 2026-11-25}, midnight UTC). */
    static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw ApiError.badRequest("since must be an ISO-8601 time such as 2026-11-25T13:00:00Z or a date"
                        + " such as 2026-11-25, got '" + text + "'");
            }
        }
    }
}
