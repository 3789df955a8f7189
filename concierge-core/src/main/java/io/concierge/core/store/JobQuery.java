package io.concierge.core.store;

import java.time.Instant;
import java.util.Set;

/**
 * Which jobs to list: newest first, optionally only some statuses, created at or after a time,
 * a page at a time.
 *
 * @param statuses status names to include; empty for all
 * @param since    earliest creation time, or null
 * @param limit    at most this many jobs; 0 for no limit
 * @param cursor   from the previous page's {@link JobPage#nextCursor()}, or empty for the first
 */
public record JobQuery(Set<String> statuses, Instant since, int limit, String cursor) {
    /** Copies the set; an absent cursor becomes empty. */
    public JobQuery {
        statuses = Set.copyOf(statuses);
        cursor = cursor == null ? "" : cursor;
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (none) or more, not " + limit);
        }
    }

    /**
     * Every job.
     *
     * @return a query without filters or limit
     */
    public static JobQuery all() {
        return new JobQuery(Set.of(), null, 0, "");
    }
}
