package io.concierge.core.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The approved work waiting for an agent, and the leases of the work being done. Queued is a job
 * that is APPROVED (or RUNNING with a lease that expired: its holder died) and that no live lease
 * holds. Claims are exclusive across processes and machines.
 */
public interface WorkQueue {

    /**
     * Claims the oldest queued job the request takes, or none.
     *
     * @param request who asks, for which packages, for how long
     * @return the lease on the claimed job
     */
    Optional<Lease> claim(ClaimRequest request);

    /**
     * Takes the lease on one job for a caller that names it ({@code bit run}), if no live lease
     * holds it.
     *
     * @param jobId    the job
     * @param holder   who runs it
     * @param leaseFor how long the lease lasts unless renewed
     * @return the lease, or empty when someone else holds a live one
     */
    Optional<Lease> acquire(String jobId, String holder, Duration leaseFor);

    /**
     * Extends a lease.
     *
     * @param lease    the current lease
     * @param leaseFor the new time from now
     * @return the renewed lease
     * @throws LeaseLostException when the lease is no longer current
     */
    Lease renew(Lease lease, Duration leaseFor);

    /**
     * Gives a lease up (after the run ended, or on shutdown); a lease already lost is ignored.
     *
     * @param lease the lease
     */
    void release(Lease lease);

    /**
     * The job's current live lease, if any.
     *
     * @param jobId the job
     * @return the lease
     */
    Optional<Lease> current(String jobId);

    /**
     * How many jobs are queued, by package name.
     *
     * @return counts, sorted by package name
     */
    java.util.SortedMap<String, Integer> depth();

    /**
     * Blocks until work may have been queued (an approval, a released or expired lease) or
     * {@code max} passed, without busy polling where the store can be told (NOTIFY, a file watch).
     *
     * @param max the longest wait
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void awaitWork(Duration max) throws InterruptedException;

    /**
     * Tells waiting agents that work may be queued (called after an approval).
     */
    void signal();

    /**
     * The leases held now.
     *
     * @return live leases
     */
    List<Lease> leases();
}
