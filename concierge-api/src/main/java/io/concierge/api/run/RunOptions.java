package io.concierge.api.run;

/**
 * How to run a job.
 *
 * <pre>{@code
 * concierge.run(jobId, RunOptions.defaults());                    // approved job, cache on
 * concierge.run(jobId, RunOptions.defaults().withResume(true));   // continue a failed run
 * }</pre>
 *
 * @param force    re-run a job that already COMPLETED
 * @param resume   continue the latest failed, halted or interrupted run: steps whose outputs
 *                 still exist with their recorded SHA-256 are skipped ({@code step.skipped})
 * @param useCache reuse the outputs of an identical step (same worker and version, params and
 *                 input files) from any job of the workspace ({@code step.cached})
 * @param parallelSteps how many independent steps may run at once; 0 takes
 *                 {@code router.max_parallel_steps} from {@code concierge.json}
 */
public record RunOptions(boolean force, boolean resume, boolean useCache, int parallelSteps) {

    /**
     * Validates.
     *
     * @param force re-run a job that already COMPLETED
     * @param resume continue the latest failed, halted or interrupted run: steps whose outputs still exist with
     *     their recorded SHA-256 are skipped ({@code step.skipped})
     * @param useCache reuse the outputs of an identical step (same worker and version, params and input files) from
     *     any job of the workspace ({@code step.cached})
     * @param parallelSteps how many independent steps may run at once; 0 takes {@code router.max_parallel_steps}
     *     from {@code concierge.json}
     */
    public RunOptions {
        if (parallelSteps < 0 || parallelSteps > 64) {
            throw new IllegalArgumentException("parallelSteps must be from 0 to 64, got " + parallelSteps);
        }
    }

    /**
     * Only {@code force} set; no resume, cache on.
     *
     * @param force run again even when the job has already completed
     */
    public RunOptions(boolean force) {
        this(force, false, true, 0);
    }

    /**
     * The defaults: no forced re-run, no resume, cache on, parallelism from the configuration.
     *
     * @return the default options
     */
    public static RunOptions defaults() {
        return new RunOptions(false, false, true, 0);
    }

    /**
     * A copy with {@code force} set.
     *
     * @param value the new setting
     * @return the changed copy
     */
    public RunOptions withForce(boolean value) {
        return new RunOptions(value, resume, useCache, parallelSteps);
    }

    /**
     * A copy with {@code resume} set.
     *
     * @param value the new setting
     * @return the changed copy
     */
    public RunOptions withResume(boolean value) {
        return new RunOptions(force, value, useCache, parallelSteps);
    }

    /**
     * A copy with {@code useCache} set.
     *
     * @param value the new setting
     * @return the changed copy
     */
    public RunOptions withCache(boolean value) {
        return new RunOptions(force, resume, value, parallelSteps);
    }

    /**
     * A copy with {@code parallelSteps} set.
     *
     * @param value the new setting
     * @return the changed copy
     */
    public RunOptions withParallelSteps(int value) {
        return new RunOptions(force, resume, useCache, value);
    }
}
