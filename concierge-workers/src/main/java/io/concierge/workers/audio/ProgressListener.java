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

    /**
     * This listener for one part of a longer job: the part's own 0..1 maps into {@code [from, to]}.
     *
     * @param from where the part starts in the whole
     * @param to   where it ends
     * @return the listener for the part
     */
    default ProgressListener slice(double from, double to) {
        return (fraction, message) -> progress(from + (to - from) * fraction, message);
    }
}
