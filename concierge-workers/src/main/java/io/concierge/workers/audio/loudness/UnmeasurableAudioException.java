package io.concierge.workers.audio.loudness;

/**
 * Integrated loudness does not exist for the audio: it is shorter than one 400 ms gating block,
 * or every block is below the -70 LUFS absolute gate (silence). The message says which.
 */
public final class UnmeasurableAudioException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line reason. */
    public UnmeasurableAudioException(String reason) {
        super(reason);
    }
}
