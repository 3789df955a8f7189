package io.concierge.core.job;

import io.concierge.api.job.Job;
import io.concierge.api.job.JobFilter;
import io.concierge.api.job.JobStatus;
import io.concierge.api.job.JobSummary;
import io.concierge.api.job.JobSummaryPage;
import io.concierge.api.workspace.Finding;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Job summaries read from a store's records (a database store, which keeps no {@link JobIndex}):
 * every call reads the jobs once. Correct at any size; a database-side summary query is the
 * step that would make it fast at tens of thousands of jobs.
 */
final class StoreCatalog implements JobCatalog {
    private final JobFiles jobs;

    StoreCatalog(JobFiles jobs) {
        this.jobs = jobs;
    }

    private static JobSummary summary(Job job) {
        return new JobSummary(job.id(), job.status(), job.intentText(), job.packageId(), job.packageVersion(),
                job.createdAt(), job.updatedAt(), job.version());
    }

    @Override
    public JobSummaryPage list(JobFilter filter) {
        JobFiles.Listing listing = jobs.readAll();
        JobSummaryPage page = filter.page(listing.jobs().stream().map(StoreCatalog::summary).toList());
        return new JobSummaryPage(page.jobs(), page.nextCursor(), listing.problems());
    }

    @Override
    public Map<JobStatus, Long> count(JobFilter filter) {
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            counts.put(status, 0L);
        }
        for (JobSummary job : summaries()) {
            if (filter.matchesIgnoringStatus(job)) {
                counts.merge(job.status(), 1L, Long::sum);
            }
        }
        return counts;
    }

    @Override
    public List<JobSummary> summaries() {
        return jobs.readAll().jobs().stream().map(StoreCatalog::summary).toList();
    }

    @Override
    public List<Finding> problems() {
        return jobs.readAll().problems();
    }

    @Override
    public List<String> ids() {
        return jobs.ids();
    }

    @Override
    public List<String> idsStartingWith(String prefix) {
        List<String> ids = new ArrayList<>();
        for (String id : jobs.ids()) {
            if (id.startsWith(prefix)) {
                ids.add(id);
            }
        }
        return ids;
    }
}
