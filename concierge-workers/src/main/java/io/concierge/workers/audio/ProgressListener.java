package io.concierge.workers.audio;

/**
 * Hears how far a long audio pass has come. Called once per block (a fraction of a second of
 * audio), so it is also the place to stop work: an exception thrown here (for example
 * {@link io.concierge.api.worker.WorkerContext.HaltedException}) ends the pass.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores progress. */
    ProgressListener NONE = (fraction, message) -> { };

    /**
     * @param fraction done so far, from 0 to 1
     * @param message  a few words on what is happening
     */
    void progress(double fraction, String message);
}
