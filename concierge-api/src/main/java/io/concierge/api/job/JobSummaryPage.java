package io.concierge.api.job;

import io.concierge.api.workspace.Finding;
import java.util.List;
import java.util.Objects;

/**
 * One page of a job listing.
 *
 * @param jobs       the jobs, in the order the filter asked for
 * @param nextCursor the cursor of the next page ({@link JobFilter.Builder#cursor(String)}); empty on the last page
 * @param problems   job files met while listing that could not be read, one finding each
 *                   ({@code jobs/<id>/job.yaml} and what is wrong): left out of {@code jobs}, never the end of the list
 *
 * @since 0.1.0
 */
public record JobSummaryPage(List<JobSummary> jobs, String nextCursor, List<Finding> problems) {
    /**
     * Copies the lists.
     *
     * @param jobs       the jobs
     * @param nextCursor the next page's cursor, or empty
     * @param problems   unreadable job files met
     */
    public JobSummaryPage {
        jobs = List.copyOf(jobs);
        nextCursor = Objects.requireNonNullElse(nextCursor, "");
        problems = List.copyOf(problems);
    }

    /**
     * A page without problems.
     *
     * @param jobs       the jobs
     * @param nextCursor the next page's cursor, or empty
     */
    public JobSummaryPage(List<JobSummary> jobs, String nextCursor) {
        this(jobs, nextCursor, List.of());
    }

    /**
     * Whether another page follows.
     *
     * @return true when {@link #nextCursor()} is not empty
     */
    public boolean hasMore() {
        return !nextCursor.isEmpty();
    }
}
