package io.concierge.api.run;

/**
 * How to run a job.
 *
 * @param force re-run a job that already COMPLETED
 */
public record RunOptions(boolean force) {
    /** The defaults: no forced re-run. */
    public static RunOptions defaults() {
        return new RunOptions(false);
    }
}
