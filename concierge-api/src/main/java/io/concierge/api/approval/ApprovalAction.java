package io.concierge.api.approval;

/**
 * What a person decided about a plan.
 *
 * @since 0.1.0
 */
public enum ApprovalAction {
    /** The plan may run. */
    APPROVED,
    /** The plan may not run; the job goes back to PLANNED. */
    DENIED;

    /**
     * The word {@code job.yaml} uses: {@code approved} or {@code denied}.
     *
     * @return the lower-case word
     */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
