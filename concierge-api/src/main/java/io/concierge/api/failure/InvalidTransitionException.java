package io.concierge.api.failure;

import io.concierge.api.job.JobStatus;

/**
 * A state change a job's current status does not allow, such as running a job that is not
 * approved. Carries both ends of the refused change.
 */
public class InvalidTransitionException extends ConciergeException {
    private static final long serialVersionUID = 1L;

    private final JobStatus from;
    private final JobStatus to;

    /** Creates the exception for a refused change from {@code from} to {@code to}. */
    public InvalidTransitionException(JobStatus from, JobStatus to, String message) {
        super(Kind.WRONG_STATE, message);
        this.from = from;
        this.to = to;
    }

    /** The status the job was in. */
    public JobStatus from() {
        return from;
    }

    /** The status the refused change would have led to. */
    public JobStatus to() {
        return to;
    }
}
