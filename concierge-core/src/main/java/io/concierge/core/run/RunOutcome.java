package io.concierge.core.run;

import io.concierge.api.job.JobStatus;

/**
 * How a run, or the step that ended it, came out: the job's final status and, unless it
 * completed, the reason in one line.
 *
 * @param status COMPLETED, FAILED or HALTED
 * @param error  why it did not complete; empty when it did
 */
record RunOutcome(JobStatus status, String error) {
    static RunOutcome completed() {
        return new RunOutcome(JobStatus.COMPLETED, "");
    }

    static RunOutcome failed(String error) {
        return new RunOutcome(JobStatus.FAILED, error);
    }

    static RunOutcome halted(String reason) {
        return new RunOutcome(JobStatus.HALTED, reason);
    }
}
