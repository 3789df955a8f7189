package io.concierge.testkit;

import io.concierge.api.plan.Plan;
import io.concierge.api.plan.Step;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link Plan}, made with {@link ConciergeAssertions#assertThat(Plan)}.
 *
 * <pre>{@code
 * assertThat(concierge.generatePlan(jobId)).usesPackage("audio.normalize@1.0.0").hasInput("target_loudness", -14);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class PlanAssert extends AbstractAssert<PlanAssert, Plan> {

    PlanAssert(Plan actual) {
        super(actual, PlanAssert.class);
    }

    /**
     * Checks the plan's package: {@code id} alone, or {@code id@version}.
     *
     * @param ref {@code id} or {@code id@version}
     * @return this assertion
     */
    public PlanAssert usesPackage(String ref) {
        isNotNull();
        boolean matches = ref.contains("@") ? actual.packageRef().equals(ref) : actual.packageId().equals(ref);
        if (!matches) {
            failWithMessage("expected plan %s to use package %s but it uses %s", actual.id(), ref, actual.packageRef());
        }
        return this;
    }

    /**
     * Checks a bound input's value as text, numbers compared by value ({@code -14} matches {@code "-14"}).
     *
     * @param name     the input's name
     * @param expected its expected value
     * @return this assertion
     */
    public PlanAssert hasInput(String name, Object expected) {
        isNotNull();
        if (!actual.inputs().containsKey(name)) {
            failWithMessage("expected plan %s to have input %s = %s but it has no such input; inputs were %s",
                    actual.id(), name, expected, actual.inputs());
        } else if (!ConciergeAssertions.sameValue(actual.inputs().get(name), expected)) {
            failWithMessage("expected plan %s to have input %s = %s but was '%s'; inputs were %s",
                    actual.id(), name, expected, actual.inputs().get(name), actual.inputs());
        }
        return this;
    }

    /**
     * Checks that the plan has a step with this id.
     *
     * @param stepId the step's id
     * @return this assertion
     */
    public PlanAssert hasStep(String stepId) {
        isNotNull();
        if (actual.steps().stream().noneMatch(s -> s.id().equals(stepId))) {
            failWithMessage("expected plan %s to have step %s but its steps were %s", actual.id(), stepId,
                    actual.steps().stream().map(Step::id).toList());
        }
        return this;
    }
}
