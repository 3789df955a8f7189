package io.concierge.core.store.file;

import io.concierge.core.store.Lease;

/**
 * Makes a write conditional on a lease still being the job's current one, for as long as the
 * write takes: the check and the write happen while no one can claim the job.
 */
interface Fences {

    /**
     * Runs {@code write} if {@code fence} is null or still current.
     *
     * @param jobId the job written
     * @param fence the writer's lease, or null
     * @param write the write
     * @throws io.concierge.core.store.LeaseLostException when the lease is no longer current
     */
    void write(String jobId, Lease fence, Runnable write);
}
