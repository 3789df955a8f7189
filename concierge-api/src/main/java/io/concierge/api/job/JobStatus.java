package io.concierge.api.job;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a job is in its life. The legal changes are one table, {@link #allowedNext()}:
 *
 * <pre>
 * DRAFT     -> PLANNED                 (plan generate)
 * PLANNED   -> PLANNED, APPROVED,      (re-plan, deny or a partial approval; approve;
 *              RUNNING                  run a plan whose package needs no approval)
 * APPROVED  -> PLANNED, APPROVED,      (deny or re-plan; approval renewed after it expired;
 *              RUNNING                  run)
 * RUNNING   -> COMPLETED, FAILED, HALTED
 * FAILED    -> RUNNING, PLANNED        (run again; re-plan)
 * HALTED    -> RUNNING, PLANNED        (run again; re-plan)
 * COMPLETED -> RUNNING                 (forced re-run)
 * </pre>
 *
 * @since 0.1.0
 */
public enum JobStatus {
    /** Created from an intent; inputs may still be edited. */
    DRAFT,
    /** A plan exists and waits for approval; inputs may still be edited (re-plan after). */
    PLANNED,
    /** The current plan is approved and may run. */
    APPROVED,
    /** A runner is executing the plan. */
    RUNNING,
    /** Every step finished and verification passed. */
    COMPLETED,
    /** A step or verification failed. */
    FAILED,
    /** Stopped on request before it finished. */
    HALTED;

    private static final Map<JobStatus, Set<JobStatus>> ALLOWED = Map.of(
            DRAFT, EnumSet.of(PLANNED),
            PLANNED, EnumSet.of(PLANNED, APPROVED, RUNNING),
            APPROVED, EnumSet.of(PLANNED, APPROVED, RUNNING),
            RUNNING, EnumSet.of(COMPLETED, FAILED, HALTED),
            FAILED, EnumSet.of(RUNNING, PLANNED),
            HALTED, EnumSet.of(RUNNING, PLANNED),
            COMPLETED, EnumSet.of(RUNNING));

    /**
     * The statuses this one may change to.
     *
     * @return the legal next statuses
     */
    public Set<JobStatus> allowedNext() {
        return ALLOWED.get(this);
    }

    /**
     * Whether a change from this status to {@code next} is legal.
     *
     * @param next the status to change to
     * @return true when the change is legal
     */
    public boolean canMoveTo(JobStatus next) {
        return ALLOWED.get(this).contains(next);
    }

    /**
     * Whether the job has finished a run: COMPLETED, FAILED or HALTED.
     *
     * @return true for COMPLETED, FAILED and HALTED
     */
    public boolean isFinished() {
        return this == COMPLETED || this == FAILED || this == HALTED;
    }

    /**
     * Whether the job's last run did not succeed: FAILED or HALTED.
     *
     * @return true for FAILED and HALTED
     */
    public boolean isUnsuccessful() {
        return this == FAILED || this == HALTED;
    }

    /**
     * Whether a person may still edit the job's inputs (DRAFT or PLANNED).
     *
     * @return true for DRAFT and PLANNED
     */
    public boolean isEditable() {
        return this == DRAFT || this == PLANNED;
    }
}
