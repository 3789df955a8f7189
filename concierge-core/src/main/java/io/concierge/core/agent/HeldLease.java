package io.concierge.core.agent;

import io.concierge.api.failure.InvalidTransitionException;
import io.concierge.api.job.JobStatus;
import io.concierge.core.store.Lease;
import io.concierge.core.store.LeaseLostException;
import io.concierge.core.store.WorkQueue;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A lease on one job held for the length of a run by a caller that names the job ({@code bit run}
 * on a shared store), renewed in the background every third of its duration. A renewal that finds
 * the lease lost stops renewing: the run's own writes are fenced and fail from then on.
 */
public final class HeldLease implements AutoCloseable {
    private final WorkQueue queue;
    private final ScheduledExecutorService renewer;
    private volatile Lease lease;

    private HeldLease(WorkQueue queue, Lease lease, Duration duration) {
        this.queue = queue;
        this.lease = lease;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "concierge-lease-" + lease.jobId());
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1, duration.toMillis() / 3);
        renewer.scheduleAtFixedRate(() -> renew(duration), period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the job's lease for {@code holder}.
     *
     * @param queue    the store's queue
     * @param jobId    the job
     * @param holder   who runs it
     * @param duration how long the lease lasts between renewals
     * @return the held lease
     * @throws InvalidTransitionException when another holder has a live lease on the job
     */
    public static HeldLease acquire(WorkQueue queue, String jobId, String holder, Duration duration) {
        Lease lease = queue.acquire(jobId, holder, duration).orElseThrow(() -> new InvalidTransitionException(
                JobStatus.RUNNING, JobStatus.RUNNING, "job " + jobId + " is being run by "
                + queue.current(jobId).map(Lease::holder).orElse("another runner")
                + "; wait for it with: bit wait " + jobId));
        return new HeldLease(queue, lease, duration);
    }

    private void renew(Duration duration) {
        try {
            lease = queue.renew(lease, duration);
        } catch (LeaseLostException e) {
            renewer.shutdown();
        } catch (RuntimeException e) {
            // the store is unreachable for now: try again at the next period, the lease may still hold
        }
    }

    /**
     * The lease as last renewed.
     *
     * @return the lease
     */
    public Lease lease() {
        return lease;
    }

    /**
     * This machine's name, as agents and runs name their holders.
     *
     * @return the host name
     */
    public static String localHost() {
        return AgentLoop.hostName();
    }

    /** Stops renewing and releases the lease. */
    @Override
    public void close() {
        renewer.shutdownNow();
        queue.release(lease);
    }
}
