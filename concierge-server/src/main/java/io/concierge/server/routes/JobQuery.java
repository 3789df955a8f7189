package io.concierge.server.routes;

import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.job.JobFilter;
import io.concierge.api.job.JobStatus;
import io.concierge.server.http.ApiError;
import io.concierge.server.http.Exchange;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The filters and paging of {@code GET /api/jobs}: {@code status} (one or more, comma-separated),
 * {@code q} (words found in the id, sentence or package, any case), {@code order}
 * ({@code oldest}, the default, or {@code newest}), {@code limit} (1 to 1000) and {@code cursor}
 * (opaque: the previous page's {@code X-Next-Cursor}). The cursor names the last job of the
 * previous page and ids are time-ordered, so it stays valid while jobs are added: the next page
 * starts right after it. Every value is checked; a wrong one is a 400, never ignored.
 *
 * @param filter the core's filter: statuses, words, order, page size and cursor
 */
public record JobQuery(JobFilter filter) {
    /** The query parameters {@code GET /api/jobs} takes. */
    public static final Set<String> PARAMETERS = Set.of("status", "q", "order", "limit", "cursor");
    /** The largest page. */
    public static final int MAX_LIMIT = 1000;

    /**
     * Reads the query of a request.
     *
     * @param ex the request
     * @return the query
     * @throws ApiError 400 for an unknown status, a bad limit, order or cursor
     */
    public static JobQuery of(Exchange ex) {
        Set<JobStatus> statuses = EnumSet.noneOf(JobStatus.class);
        for (String name : ex.query("status").orElse("").split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                statuses.add(JobStatus.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("status must be one or more of " + List.of(JobStatus.values())
                        + " separated by commas, got '" + name.strip() + "'");
            }
        }
        List<String> words = new ArrayList<>();
        for (String word : ex.query("q").orElse("").toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        String order = ex.query("order").orElse("oldest");
        if (!order.equals("oldest") && !order.equals("newest")) {
            throw ApiError.badRequest("order must be oldest or newest, got '" + order + "'");
        }
        int limit = 0;
        if (ex.query("limit").isPresent()) {
            String text = ex.query("limit").get();
            try {
                limit = Integer.parseInt(text);
                if (limit < 1 || limit > MAX_LIMIT) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT + ", got '" + text + "'");
            }
        }
        try {
            return new JobQuery(JobFilter.builder().statuses(statuses).words(words).newestFirst(order.equals("newest"))
                    .limit(limit).cursor(ex.query("cursor").orElse("")).build());
        } catch (InvalidInputException e) {
            throw ApiError.badRequest(e.getMessage().replace("pass on the next cursor", "pass on the X-Next-Cursor"));
        }
    }

}
