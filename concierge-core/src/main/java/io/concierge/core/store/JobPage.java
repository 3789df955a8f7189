package io.concierge.core.store;

import java.util.List;

/**
 * One page of a job listing.
 *
 * @param jobs       the jobs, newest first
 * @param nextCursor passes to the next query for the following page; empty on the last page
 */
public record JobPage(List<JobRecord> jobs, String nextCursor) {
    /** Copies the list. */
    public JobPage {
        jobs = List.copyOf(jobs);
        nextCursor = nextCursor == null ? "" : nextCursor;
    }
}
