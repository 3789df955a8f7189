package io.concierge.core.job;

import io.concierge.api.job.JobSummary;
import io.concierge.api.job.JobSummaryPage;
import io.concierge.core.store.JobPage;
import io.concierge.core.store.JobQuery;
import io.concierge.core.store.JobRecord;
import io.concierge.core.store.JobRecords;
import io.concierge.core.store.Lease;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A file store's job records whose listings come from the {@link JobIndex} instead of reading
 * every {@code job.yaml}: what the file store's queue scans on each claim. Listed records carry
 * the indexed fields and no content; {@link #find} reads the whole record.
 */
public final class IndexedJobRecords implements JobRecords {
    private final JobRecords records;
    private final JobCatalog index;

    /**
     * @param records the file store's records
     * @param index   their index
     */
    public IndexedJobRecords(JobRecords records, JobCatalog index) {
        this.records = records;
        this.index = index;
    }

    @Override
    public Optional<JobRecord> find(String id) {
        return records.find(id);
    }

    @Override
    public void create(JobRecord record) {
        records.create(record);
    }

    @Override
    public JobRecord update(String id, Lease fence, UnaryOperator<JobRecord> change) {
        return records.update(id, fence, change);
    }

    @Override
    public List<String> ids() {
        return index.ids();
    }

    @Override
    public JobPage list(JobQuery query) {
        JobSummaryPage page = index instanceof JobIndex file ? file.list(query) : null;
        if (page == null) {
            return records.list(query);
        }
        return new JobPage(page.jobs().stream().map(IndexedJobRecords::record).toList(), page.nextCursor());
    }

    private static JobRecord record(JobSummary job) {
        return new JobRecord(job.id(), job.version(), job.status().name(), job.packageId() + "@" + job.packageVersion(),
                job.createdAt(), job.updatedAt(), "");
    }
}
