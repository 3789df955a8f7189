package io.concierge.testkit;

import io.concierge.api.event.Event;
import io.concierge.api.job.Job;
import io.concierge.api.plan.Plan;
import java.math.BigDecimal;
import java.util.List;

/**
 * AssertJ entry points for Concierge values, whose failure messages say what was there instead.
 * Import them next to AssertJ's own; overloads pick the specific type.
 *
 * <pre>{@code
 * import static io.concierge.testkit.ConciergeAssertions.assertThat;
 *
 * assertThat(concierge.job(jobId)).in(concierge)
 *         .hasStatus(JobStatus.COMPLETED)   // "... but was FAILED (last error: step normalize failed: ...)"
 *         .hasInput("target_loudness", -14)
 *         .hasArtifact("out.wav");
 * assertThat(concierge.events(jobId, false)).hasEvent("step.retried").stepsInOrder("normalize", "encode");
 * assertThat(concierge.plan(jobId, null)).usesPackage("audio.normalize").hasInput("target_loudness", "-14");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ConciergeAssertions {
    private ConciergeAssertions() {
    }

    /**
     * Assertions on a job snapshot; add {@link JobAssert#in} to check artifacts and run errors.
     *
     * @param actual the job to check
     * @return assertions on it
     */
    public static JobAssert assertThat(Job actual) {
        return new JobAssert(actual);
    }

    /**
     * Assertions on the events of a run (or of all runs), in order; AssertJ's list assertions included.
     *
     * @param actual the events, as {@code concierge.events(jobId, allRuns)} gives them
     * @return assertions on them
     */
    public static RunAssert assertThat(List<Event> actual) {
        return new RunAssert(actual);
    }

    /**
     * Assertions on a plan.
     *
     * @param actual the plan to check
     * @return assertions on it
     */
    public static PlanAssert assertThat(Plan actual) {
        return new PlanAssert(actual);
    }

    /** Whether a stored value equals an expected one as text, numbers compared by value ({@code -14} is {@code "-14.0"}). */
    static boolean sameValue(String actual, Object expected) {
        if (actual == null || expected == null) {
            return actual == null && expected == null;
        }
        String wanted = expected.toString().strip();
        String got = actual.strip();
        if (got.equals(wanted)) {
            return true;
        }
        BigDecimal a = number(got);
        BigDecimal b = number(wanted);
        return a != null && b != null && a.compareTo(b) == 0;
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
