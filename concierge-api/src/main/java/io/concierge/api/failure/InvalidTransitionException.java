package io.concierge.api.failure;

import io.concierge.api.job.JobStatus;

/**
 * A state change a job's current status does not allow, such as running a job that is not
 * approved. Carries both ends of the refused change.
 *
 * @since 0.1.0
 */
public class InvalidTransitionException extends ConciergeException {
    private static final long serialVersionUID = 1L;

    /** The status the job was in. */
    private final JobStatus from;
    /** The status the refused change would have led to. */
    private final JobStatus to;

    /**
     * Creates the exception for a refused change from {@code from} to {@code to}.
     *
     * @param from    the status the job was in
     * @param to      the status it was asked to change to
     * @param message one line: what is wrong and what to do
     */
    public InvalidTransitionException(JobStatus from, JobStatus to, String message) {
        super(Kind.WRONG_STATE, message);
        this.from = from;
        this.to = to;
    }

    /**
     * The status the job was in.
     *
     * @return the status before the refused change
     */
    public JobStatus from() {
        return from;
    }

    /**
     * The status the refused change would have led to.
     *
     * @return the status the change asked for
     */
    public JobStatus to() {
        return to;
    }
}
