package io.concierge.api.run;

/**
 * How to run a job.
 *
 * <pre>{@code
 * concierge.run(jobId, RunOptions.defaults());                               // approved job, cache on
 * concierge.run(jobId, RunOptions.builder().resume(true).build());           // continue a failed run
 * RunOptions noCache = options.toBuilder().useCache(false).build();          // a changed copy
 * }</pre>
 *
 * @param force    re-run a job that already COMPLETED
 * @param resume   continue the latest failed, halted or interrupted run: steps whose outputs
 *                 still exist with their recorded SHA-256 are skipped ({@code step.skipped})
 * @param useCache reuse the outputs of an identical step (same worker and version, params and
 *                 input files) from any job of the workspace ({@code step.cached})
 * @param parallelSteps how many independent steps may run at once; 0 takes
 *                 {@code router.max_parallel_steps} from {@code concierge.json}
 *
 * @since 0.1.0
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
     * The defaults: no forced re-run, no resume, cache on, parallelism from the configuration.
     *
     * @return the default options
     */
    public static RunOptions defaults() {
        return new RunOptions(false, false, true, 0);
    }

    /**
     * A builder holding the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder(defaults());
    }

    /**
     * A builder holding these options, for a changed copy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Collects run options; {@link #build()} checks them. */
    public static final class Builder {
        private boolean force;
        private boolean resume;
        private boolean useCache;
        private int parallelSteps;

        private Builder(RunOptions from) {
            force = from.force;
            resume = from.resume;
            useCache = from.useCache;
            parallelSteps = from.parallelSteps;
        }

        /**
         * Whether to re-run a job that already COMPLETED (default false).
         *
         * @param value true to run it again
         * @return this builder
         */
        public Builder force(boolean value) {
            force = value;
            return this;
        }

        /**
         * Whether to continue the latest failed, halted or interrupted run (default false).
         *
         * @param value true to resume
         * @return this builder
         */
        public Builder resume(boolean value) {
            resume = value;
            return this;
        }

        /**
         * Whether to reuse the outputs of identical earlier steps (default true).
         *
         * @param value false to run every step
         * @return this builder
         */
        public Builder useCache(boolean value) {
            useCache = value;
            return this;
        }

        /**
         * How many independent steps may run at once (default 0: from {@code concierge.json}).
         *
         * @param value 0 to 64
         * @return this builder
         */
        public Builder parallelSteps(int value) {
            parallelSteps = value;
            return this;
        }

        /**
         * Checks the options and builds them.
         *
         * @return the options
         */
        public RunOptions build() {
            return new RunOptions(force, resume, useCache, parallelSteps);
        }
    }
}
