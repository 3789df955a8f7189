package io.concierge.core.job;

import io.concierge.api.job.JobFilter;
import io.concierge.api.job.JobStatus;
import io.concierge.api.job.JobSummary;
import io.concierge.api.job.JobSummaryPage;
import io.concierge.api.workspace.Finding;
import java.util.List;
import java.util.Map;

/**
 * Job summaries for listing, counting and paging without reading whole jobs: the file store's
 * {@link JobIndex}, or {@link StoreCatalog} over another store's records.
 */
public interface JobCatalog {

    /**
     * The jobs a filter selects, one page, in the filter's order.
     *
     * @param filter statuses, creation time, words, order, page size and cursor
     * @return the page, the next cursor, and the unreadable jobs met
     */
    JobSummaryPage list(JobFilter filter);

    /**
     * How many jobs a filter selects, by status (limit and cursor aside).
     *
     * @param filter statuses, creation time and words
     * @return jobs per status, every status present
     */
    Map<JobStatus, Long> count(JobFilter filter);

    /** @return every readable job's summary, oldest first */
    List<JobSummary> summaries();

    /** @return one finding per job that cannot be read */
    List<Finding> problems();

    /** @return every job id, oldest first */
    List<String> ids();

    /**
     * The ids that start with {@code prefix}.
     *
     * @param prefix an id prefix
     * @return the ids, oldest first
     */
    List<String> idsStartingWith(String prefix);
}
