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
 * @param specHash    the hash of the job spec the plan came from, as signed
 * @param packageHash the hash of the task package the plan came from, as signed
 * @param expiresAt   when the approval stops letting the plan run (empty: never), as signed
 * @param signature   the approver's Ed25519 signature of all of the above but the note's
 *                    formatting, in base64 (empty for entries made before approvals were signed)
 *
 * @since 0.1.0
 */
public record Approval(ApprovalAction action, String by, Instant at, String planId, String planHash, String note,
                       String prevHash, String specHash, String packageHash, java.util.Optional<Instant> expiresAt,
                       String signature) {
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
     * @param specHash the hash of the job spec the plan came from
     * @param packageHash the hash of the task package the plan came from
     * @param expiresAt when the approval expires, or empty
     * @param signature the approver's signature in base64, or empty
     */
    public Approval {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(planHash, "planHash");
        note = Objects.requireNonNullElse(note, "");
        prevHash = Objects.requireNonNullElse(prevHash, "");
        specHash = Objects.requireNonNullElse(specHash, "");
        packageHash = Objects.requireNonNullElse(packageHash, "");
        expiresAt = Objects.requireNonNullElse(expiresAt, java.util.Optional.empty());
        signature = Objects.requireNonNullElse(signature, "");
    }

    /**
     * An unsigned entry linked into a log (as entries were before approvals were signed).
     *
     * @param action   approved or denied
     * @param by       who decided
     * @param at       when
     * @param planId   the plan decided on
     * @param planHash that plan's hash
     * @param note     why (may be empty)
     * @param prevHash SHA-256 of the entry before it
     */
    public Approval(ApprovalAction action, String by, Instant at, String planId, String planHash, String note,
                    String prevHash) {
        this(action, by, at, planId, planHash, note, prevHash, "", "", java.util.Optional.empty(), "");
    }

    /**
     * Whether the approval has expired at {@code now}.
     *
     * @param now the time to check at
     * @return true once {@code now} is past {@link #expiresAt()}
     */
    public boolean expiredAt(Instant now) {
        return expiresAt.map(now::isAfter).orElse(false);
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
