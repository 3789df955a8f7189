package io.concierge.core.job;

import io.concierge.api.failure.InvalidTransitionException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import java.util.stream.Collectors;

/**
 * The one gate every change of a job's status passes: {@link #move} checks the change against
 * {@link JobStatus#canMoveTo} and refuses it with an {@link InvalidTransitionException} carrying
 * both ends. {@link JobFiles#update} checks again before it writes, so a change that skipped the
 * gate still cannot reach {@code job.yaml}.
 *
 * <p>Callers check the situations a person meets first (running a DRAFT job, approving a
 * COMPLETED one) and say what to do; this gate is the last word, and its message names the
 * legal next statuses.
 */
public final class JobTransition {
    private JobTransition() {
    }

    /**
     * A builder of {@code job} with its status changed to {@code next}, for the caller to add
     * what else changes with it (updated time, plan, approval entry).
     *
     * @throws InvalidTransitionException when the table does not allow the change
     */
    public static Job.Builder move(Job job, JobStatus next) {
        check(job.id(), job.status(), next);
        return job.toBuilder().status(next);
    }

    /** Refuses a change from {@code from} to {@code to} that the table does not allow. */
    public static void check(String jobId, JobStatus from, JobStatus to) {
        if (!from.canMoveTo(to)) {
            String allowed = from.allowedNext().stream().map(JobStatus::name).sorted().collect(Collectors.joining(", "));
            throw new InvalidTransitionException(from, to, "job " + jobId + " cannot go from " + from + " to " + to
                    + " (from " + from + " it may go to " + allowed + "); see its state with: bit job show --job-id " + jobId);
        }
    }
}
