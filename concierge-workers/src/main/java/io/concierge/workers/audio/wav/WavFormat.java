package io.concierge.workers.audio.wav;

/**
 * The sample format of a WAV file's audio.
 *
 * @param encoding      integer PCM or IEEE float
 * @param channels      number of interleaved channels, at least 1
 * @param sampleRate    frames per second
 * @param bitsPerSample container bits per sample: 16, 24 or 32 (32 only for float)
 * @param extensible    whether the header uses {@code WAVE_FORMAT_EXTENSIBLE}
 * @param channelMask   speaker positions from an extensible header (0 when absent or unknown)
 */
public record WavFormat(SampleEncoding encoding, int channels, int sampleRate, int bitsPerSample,
                        boolean extensible, int channelMask) {

    /** Validates that this package can read and write the format. */
    public WavFormat {
        if (encoding == null) {
            throw new IllegalArgumentException("encoding is required");
        }
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new IllegalArgumentException("channels must be 1.." + MAX_CHANNELS + ", got " + channels);
        }
        if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
            throw new IllegalArgumentException("sample rate must be " + MIN_SAMPLE_RATE + ".." + MAX_SAMPLE_RATE
                    + " Hz, got " + sampleRate);
        }
        boolean supported = encoding == SampleEncoding.IEEE_FLOAT
                ? bitsPerSample == 32
                : bitsPerSample == 16 || bitsPerSample == 24 || bitsPerSample == 32;
        if (!supported) {
            throw new IllegalArgumentException(bitsPerSample + "-bit " + encoding + " is not supported");
        }
    }

    /** Most channels a file may have: the 18 speaker positions of WAVE_FORMAT_EXTENSIBLE plus headroom. */
    public static final int MAX_CHANNELS = 32;
    /**
     * Lowest supported sample rate. The K-weighting shelf sits at 1.68 kHz, so its bilinear design
     * needs a Nyquist frequency well above that.
     */
    public static final int MIN_SAMPLE_RATE = 8_000;
    /** Highest supported sample rate. */
    public static final int MAX_SAMPLE_RATE = 768_000;

    /** Integer PCM in a plain (non-extensible) header. */
    public static WavFormat pcm(int channels, int sampleRate, int bitsPerSample) {
        return new WavFormat(SampleEncoding.PCM_INTEGER, channels, sampleRate, bitsPerSample, false, 0);
    }

    /** 32-bit float in a plain (non-extensible) header. */
    public static WavFormat float32(int channels, int sampleRate) {
        return new WavFormat(SampleEncoding.IEEE_FLOAT, channels, sampleRate, 32, false, 0);
    }

    /** Bytes one sample of one channel takes. */
    public int bytesPerSample() {
        return bitsPerSample / 8;
    }

    /** Bytes one frame (one sample of every channel) takes. */
    public int blockAlign() {
        return bytesPerSample() * channels;
    }

    /** Whether samples are floating point. */
    public boolean isFloat() {
        return encoding == SampleEncoding.IEEE_FLOAT;
    }

    /** A short human description such as {@code "24-bit PCM, 2 ch, 48000 Hz"}. */
    public String describe() {
        return bitsPerSample + "-bit " + (isFloat() ? "float" : "PCM") + ", " + channels + " ch, " + sampleRate + " Hz";
    }
}
