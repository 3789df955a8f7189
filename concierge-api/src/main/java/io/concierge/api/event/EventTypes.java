package io.concierge.api.event;

/**
 * The event types Concierge writes. Hosts may rely on these names; new ones may be added.
 *
 * @since 0.1.0
 */
public final class EventTypes {
    /** A run began. */
    public static final String JOB_STARTED = "job.started";
    /** A run finished and verification passed. */
    public static final String JOB_COMPLETED = "job.completed";
    /** A run failed; payload {@code error}. */
    public static final String JOB_FAILED = "job.failed";
    /** A run was halted. */
    public static final String JOB_HALTED = "job.halted";
    /** A step began; payload {@code step_id}, {@code worker}, {@code attempt}. */
    public static final String STEP_STARTED = "step.started";
    /** A step finished; payload {@code step_id}, {@code duration} (seconds), {@code outputs}, metrics. */
    public static final String STEP_COMPLETED = "step.completed";
    /** A step failed for good; payload {@code step_id}, {@code error}, {@code error_type}, {@code duration}. */
    public static final String STEP_FAILED = "step.failed";
    /** A failed step attempt will be retried; payload {@code step_id}, {@code attempt}, {@code error}. */
    public static final String STEP_RETRIED = "step.retried";
    /** A resumed run kept a step's earlier outputs; payload {@code step_id}, {@code reason}, {@code from_run}. */
    public static final String STEP_SKIPPED = "step.skipped";
    /** A step's outputs came from the step cache; payload {@code step_id}, {@code cache_key}, {@code from_job}. */
    public static final String STEP_CACHED = "step.cached";
    /** Progress of a long step; payload {@code step_id}, {@code fraction}, {@code message}. */
    public static final String STEP_PROGRESS = "step.progress";
    /** A line a worker wrote to the job's log ({@code payload.level}, {@code payload.message}). */
    public static final String STEP_LOG = "step.log";
    /** A new plan waits for approval; payload {@code plan_id}, {@code plan_hash}, {@code required_approvals}. */
    public static final String APPROVAL_REQUESTED = "approval.requested";
    /** A plan was approved; payload {@code by}, {@code plan_id}, {@code plan_hash}, {@code note}. */
    public static final String APPROVAL_GRANTED = "approval.granted";
    /** A plan was denied; payload {@code by}, {@code plan_id}, {@code plan_hash}, {@code note}. */
    public static final String APPROVAL_DENIED = "approval.denied";
    /** A webhook accepted an event; payload {@code url}, {@code event}, {@code attempt}, {@code status_code}. */
    public static final String WEBHOOK_DELIVERED = "webhook.delivered";
    /** A webhook delivery attempt failed; payload {@code url}, {@code event}, {@code attempt}, {@code error}, {@code final}. */
    public static final String WEBHOOK_FAILED = "webhook.failed";

    private EventTypes() {
    }
}
