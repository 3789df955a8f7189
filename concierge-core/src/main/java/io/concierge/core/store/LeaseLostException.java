package io.concierge.core.store;

import io.concierge.api.failure.ConciergeException;

/**
 * A write fenced by a lease that is no longer the job's current one: it expired and another
 * holder claimed the job, or it was released. Nothing was written.
 */
public final class LeaseLostException extends ConciergeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param lease the lease that was lost
     */
    public LeaseLostException(Lease lease) {
        super(Kind.WRONG_STATE, "the lease of " + lease.holder() + " on job " + lease.jobId() + " (token " + lease.token()
                + ") is no longer current: another agent has taken the job over; nothing was written");
    }
}
