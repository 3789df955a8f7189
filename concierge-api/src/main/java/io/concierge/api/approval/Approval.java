package io.concierge.api.approval;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a job's {@code approval_log}: who decided what about which plan, when and why.
 * An approval is bound to one plan by its hash; re-planning voids it.
 *
 * @param action   approved or denied
 * @param by       the approver (the {@code --by} value, else the OS user)
 * @param at       when
 * @param planId   the plan decided on
 * @param planHash that plan's hash at the time of the decision
 * @param note     the approver's note or the reason for a denial (may be empty)
 * @param prevHash SHA-256 of the entry before it in the log (empty for the first), so that a
 *                 removed, edited or reordered entry is detected
 *
 * @since 0.1.0
 */
public record Approval(ApprovalAction action, String by, Instant at, String planId, String planHash, String note,
                       String prevHash) {
    /**
     * Validates and normalizes the note.
     *
     * @param action approved or denied
     * @param by the approver (the {@code --by} value, else the OS user)
     * @param at when
     * @param planId the plan decided on
     * @param planHash that plan's hash at the time of the decision
     * @param note the approver's note or the reason for a denial (may be empty)
     * @param prevHash SHA-256 of the entry before it in the log (empty for the first), so that a removed, edited or
     *     reordered entry is detected
     */
    public Approval {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(planHash, "planHash");
        note = Objects.requireNonNullElse(note, "");
        prevHash = Objects.requireNonNullElse(prevHash, "");
    }

    /**
     * An entry not yet linked into a log (the log links it when it is appended).
     *
     * @param action   approved or denied
     * @param by       who decided
     * @param at       when
     * @param planId   the plan decided on
     * @param planHash that plan's hash
     * @param note     why, in a few words (may be empty)
     */
    public Approval(ApprovalAction action, String by, Instant at, String planId, String planHash, String note) {
        this(action, by, at, planId, planHash, note, "");
    }
}
