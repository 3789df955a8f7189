package io.concierge.examples.embedding;

import io.concierge.api.plan.Plan;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The host's own approval rule: a plan is approved when its task package is on the allow-list,
 * and denied, with a reason a person can act on, when it is not.
 *
 * <pre>{@code
 * AllowListPolicy policy = new AllowListPolicy(Set.of("file.copy", "test.echo"));
 * policy.decide(plan).approved();   // true for a file.copy plan
 * }</pre>
 */
public final class AllowListPolicy {
    private final Set<String> allowedPackages;

    /**
     * Creates the policy.
     *
     * @param allowedPackages the ids of the task packages whose plans may run without a person
     */
    public AllowListPolicy(Set<String> allowedPackages) {
        this.allowedPackages = Set.copyOf(allowedPackages);
    }

    /**
     * Decides on one plan.
     *
     * @param plan the plan to approve or deny
     * @return the decision and why
     */
    public Decision decide(Plan plan) {
        Objects.requireNonNull(plan, "plan");
        if (allowedPackages.contains(plan.packageId())) {
            return new Decision(true, "package " + plan.packageId() + " is on the host's allow-list");
        }
        return new Decision(false, "package " + plan.packageId() + " is not on the host's allow-list "
                + new TreeSet<>(allowedPackages) + "; ask an operator to approve it by hand");
    }

    /**
     * What the policy decided.
     *
     * @param approved whether the plan may run
     * @param reason   the note recorded with the approval or denial
     */
    public record Decision(boolean approved, String reason) {
    }
}
