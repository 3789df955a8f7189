package io.concierge.api.run;

import io.concierge.api.job.Job;
import java.util.List;
import java.util.Optional;

/**
 * A job's status with its latest run, as {@code bit status} shows it.
 *
 * @param job         the job
 * @param lastRun     the latest run, if any
 * @param steps       per-step state of the latest run, in plan order (empty before any run)
 * @param interrupted true when the job says RUNNING but no live runner holds it (the runner died)
 *
 * @since 0.1.0
 */
public record StatusReport(Job job, Optional<Run> lastRun, List<StepState> steps, boolean interrupted) {
    /**
     * Copies the steps.
     *
     * @param job the job
     * @param lastRun the latest run, if any
     * @param steps per-step state of the latest run, in plan order (empty before any run)
     * @param interrupted true when the job says RUNNING but no live runner holds it (the runner died)
     */
    public StatusReport {
        steps = List.copyOf(steps);
    }
}
