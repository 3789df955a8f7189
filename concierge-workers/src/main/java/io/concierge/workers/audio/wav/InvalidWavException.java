package io.concierge.workers.audio.wav;

import java.io.IOException;

/**
 * A file is not a WAV file this package can read: not RIFF/WAVE, truncated, or in an unsupported
 * sample format. The message says what is wrong in words a person can act on, without the file
 * name (the caller knows which input it was).
 */
public final class InvalidWavException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line description of the problem. */
    public InvalidWavException(String problem) {
        super(problem);
    }
}
