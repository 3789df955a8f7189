package io.concierge.workers.audio.wav;

import java.util.SplittableRandom;

/**
 * Rounds samples onto the value grid of an output format, so that what is measured is exactly
 * what is written. Integer formats are rounded to the nearest step and saturated at full scale
 * (a sample never wraps around); 16-bit output can get TPDF dither first, which turns the
 * rounding error of a gain change into benign noise instead of distortion. Float output is
 * rounded to single precision and left unclipped, since float WAV has headroom above 1.0.
 *
 * <p>The dither generator is seeded, so the same input always gives the same output file.
 */
public final class SampleQuantizer {

    private final boolean isFloat;
    private final double scale;
    private final double min;
    private final double max;
    private final SplittableRandom random;
    private long clippedSamples;

    /**
     * @param format the output format
     * @param dither whether to add triangular (TPDF) dither of one step peak before rounding;
     *               ignored for float output
     * @param seed   seed of the dither generator
     */
    public SampleQuantizer(WavFormat format, boolean dither, long seed) {
        this.isFloat = format.isFloat();
        this.scale = Math.scalb(1.0, format.bitsPerSample() - 1);
        this.min = -scale;
        this.max = scale - 1;
        this.random = dither && !isFloat ? new SplittableRandom(seed) : null;
    }

    /** Quantizes {@code samples} values of {@code buffer} in place. */
    public void quantize(double[] buffer, int samples) {
        if (isFloat) {
            for (int i = 0; i < samples; i++) {
                buffer[i] = (float) buffer[i];
            }
            return;
        }
        long clipped = 0;
        double inverse = 1.0 / scale;
        for (int i = 0; i < samples; i++) {
            double v = buffer[i] * scale;
            if (random != null) {
                v += random.nextDouble() - random.nextDouble();
            }
            v = Math.rint(v);
            if (v > max) {
                v = max;
                clipped++;
            } else if (v < min) {
                v = min;
                clipped++;
            }
            buffer[i] = v * inverse;
        }
        clippedSamples += clipped;
    }

    /** How many samples were saturated at full scale so far. */
    public long clippedSamples() {
        return clippedSamples;
    }
}
