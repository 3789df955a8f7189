package io.concierge.workers.audio.wav;

/** How a WAV file stores one sample. */
public enum SampleEncoding {
    /** Two's complement integer PCM (format tag 1). */
    PCM_INTEGER,
    /** IEEE 754 floating point (format tag 3). */
    IEEE_FLOAT
}
