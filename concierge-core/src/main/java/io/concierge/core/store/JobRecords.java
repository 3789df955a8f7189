package io.concierge.core.store;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The store's jobs. Changes are atomic read-modify-write steps ({@link #update}), so two processes
 * changing one job never lose each other's write; a change made while running a job under a
 * {@link Lease} is refused once that lease is no longer the job's current one (fencing).
 */
public interface JobRecords {

    /**
     * The job, or empty when there is none with this id.
     *
     * @param id the exact job id
     * @return the record
     */
    Optional<JobRecord> find(String id);

    /**
     * Stores a new job.
     *
     * @param record the job, at version 1
     * @throws IllegalStateException when a job with this id exists
     */
    void create(JobRecord record);

    /**
     * Applies {@code change} to the current record while no other writer can change the job, and
     * stores what it returns (unless it returns its argument unchanged).
     *
     * @param id     the job id
     * @param fence  the lease the caller runs the job under, or null when it holds none
     * @param change from the current record to the new one; its version must be the current plus one
     * @return the record now stored
     * @throws io.concierge.api.failure.NotFoundException when there is no such job
     * @throws LeaseLostException when {@code fence} is no longer the job's current lease
     */
    JobRecord update(String id, Lease fence, UnaryOperator<JobRecord> change);

    /**
     * Every job id, sorted (which is creation order, ids being time-ordered).
     *
     * @return the ids
     */
    List<String> ids();

    /**
     * The jobs a query selects, newest first.
     *
     * @param query status, time and paging
     * @return one page and the cursor of the next
     */
    JobPage list(JobQuery query);
}
