package io.concierge.workers.audio.loudness;

import java.util.Arrays;

/**
 * True peak per ITU-R BS.1770-4 Annex 2: the signal is oversampled 4x and the largest absolute
 * value is kept. The interpolator is the {@link InterpolationFilter}; its branch 0 is the
 * identity, so the samples themselves count and the true peak is never below the sample peak.
 * The filter is defined on the normalized frequency axis, so it serves every sample rate.
 *
 * <p>How it stays fast:
 * <ul>
 *   <li>Branches 1 and 3 are mirror images, so their outputs are {@code P + M} and {@code P - M}
 *       for a symmetric part {@code P} and an antisymmetric part {@code M}, and the larger
 *       magnitude of the two is {@code |P| + |M|}. Folding the window ({@code x[j] +/- x[23-j]})
 *       halves the multiplications: 36 per sample for three interpolated points.</li>
 *   <li>The kernel computes one block of a channel at a time into an array with no loop-carried
 *       state, a shape the JIT compiles to SIMD instructions.</li>
 *   <li>When measuring a maximum, a run of 64 samples whose largest magnitude, times the filter's
 *       worst-case gain, cannot beat the peak found so far is not interpolated at all. This
 *       changes no result.</li>
 * </ul>
 *
 * <p>Refined near a ceiling: four points per sample can miss the top of the waveform between
 * them by up to 0.7 dB for content near the Nyquist frequency, and another meter's points (ffmpeg
 * resamples to 192 kHz, which is not a multiple of 44.1 kHz) can fall closer to it. A detector
 * made with a {@code refineAbove} level evaluates the same reconstructed waveform at 32 points per
 * sample wherever the 4x points come within {@link InterpolationFilter#BETWEEN_POINTS_GAIN that
 * margin} of that level (and, in {@link #measure}, of the peak found so far): there the result is
 * the waveform's own peak to within a few thousandths of a dB, at or above what any 4x meter reads.
 * Below the level it is the plain 4x measurement of BS.1770; refining everywhere would cost ten
 * times as much on a steady tone, whose every crest comes that close to the peak.
 *
 * <p>History starts as silence, and {@link #flush()} feeds silence after the end, so the
 * interpolated tails at both ends of the signal are covered. Not thread-safe.
 */
public final class TruePeakDetector {

    /** Samples of history one interpolation window needs besides the newest sample. */
    static final int HISTORY = InterpolationFilter.TAPS - 1;
    /**
     * Frames between an input frame and the interval reported for it by {@link #intervalPeaks}:
     * the window's newest sample is 12 samples after the interval's left end.
     */
    public static final int INTERVAL_DELAY = InterpolationFilter.HALF;
    private static final int SKIP_RUN = 64;
    /** Index, within a window, of the sample just after the interval the window interpolates. */
    private static final int HALF_WINDOW = InterpolationFilter.HALF;

    private final int channels;
    private final double refineAbove;
    private final double[][] history;
    private final double[] truePeak;
    private final double[] samplePeak;
    /** Per channel: the true peak since the last {@link #takeWindowPeak()} (or the start). */
    private final double[] windowPeak;
    private double[] line = new double[HISTORY];
    private double[] interpolated = new double[0];
    private double[] runPeaks = new double[1];

    /** A detector for {@code channels} interleaved channels measuring at 4x (BS.1770), never refined. */
    public TruePeakDetector(int channels) {
        this(channels, Double.POSITIVE_INFINITY);
    }

    /**
     * A detector for {@code channels} interleaved channels refined wherever the waveform may reach
     * {@code refineAbove}: a limiter's threshold, or the ceiling a written file is checked against.
     *
     * @param channels    interleaved channels
     * @param refineAbove linear amplitude from which an interval's peak is evaluated finely
     */
    public TruePeakDetector(int channels, double refineAbove) {
        this.channels = channels;
        this.refineAbove = refineAbove;
        this.history = new double[channels][HISTORY];
        this.truePeak = new double[channels];
        this.samplePeak = new double[channels];
        this.windowPeak = new double[channels];
    }

    /** Feeds {@code frames} interleaved frames and updates the per-channel peaks. */
    public void measure(double[] interleaved, int frames) {
        measure(interleaved, 0, frames);
    }

    /**
     * Feeds {@code frames} interleaved frames starting at frame {@code offset} of
     * {@code interleaved} and updates the per-channel peaks, those of the whole stream and those
     * of the current window (see {@link #takeWindowPeak()}).
     */
    public void measure(double[] interleaved, int offset, int frames) {
        ensureCapacity(frames);
        int runs = (HISTORY + frames + SKIP_RUN - 1) / SKIP_RUN;
        for (int c = 0; c < channels; c++) {
            double[] x = load(interleaved, offset, frames, c);
            // Largest magnitude per run of SKIP_RUN line positions. The history was new audio of
            // the previous block (or silence), so it may count towards the sample peak too.
            double sample = samplePeak[c];
            double windowSample = 0.0;
            for (int r = 0; r < runs; r++) {
                runPeaks[r] = largestMagnitude(x, r * SKIP_RUN, Math.min((r + 1) * SKIP_RUN, HISTORY + frames));
                sample = runPeaks[r] > sample ? runPeaks[r] : sample;
                windowSample = runPeaks[r] > windowSample ? runPeaks[r] : windowSample;
            }
            samplePeak[c] = sample;
            double peak = truePeak[c] > sample ? truePeak[c] : sample;
            // The window's peak takes what this pass computes anyway: the samples, and the 4x
            // points of the runs that could beat the stream's peak. Interpolating every run for
            // the window's sake would cost twice the time of the whole measurement on music.
            double window = windowPeak[c] > windowSample ? windowPeak[c] : windowSample;
            for (int r = 0, start = 0; start < frames; r++, start += SKIP_RUN) {
                int end = Math.min(frames, start + SKIP_RUN);
                // Windows starting in [start, end) read line positions up to end + HISTORY, which
                // lie in this run and the next (HISTORY < SKIP_RUN).
                double loudest = r + 1 < runs && runPeaks[r + 1] > runPeaks[r] ? runPeaks[r + 1] : runPeaks[r];
                if (loudest * InterpolationFilter.WORST_CASE_GAIN > peak) {
                    interpolate(x, start, end, interpolated);
                    for (int i = start; i < end; i++) {
                        double coarse = interpolated[i];
                        double bound = nearPeak(x, i, coarse);
                        if (bound > peak && bound > refineAbove) {
                            coarse = Math.max(coarse, fine(x, i));
                        }
                        peak = coarse > peak ? coarse : peak;
                        window = coarse > window ? coarse : window;
                    }
                }
            }
            truePeak[c] = peak;
            windowPeak[c] = window;
            store(x, frames, c);
        }
    }

    /**
     * The peak over all channels since the previous call (or the start), as a linear amplitude;
     * starts the next window. A loudness timeline calls it once per 100 ms step.
     *
     * <p>It is the true peak of the window wherever the window could hold the stream's largest
     * peak so far (there the 4x points are computed in any case), and elsewhere at least the
     * window's sample peak: a lower bound, which the true peak exceeds only by what the
     * waveform overshoots between samples (a fraction of a dB except near the Nyquist frequency).
     * The window holding the stream's true peak reads it exactly.
     */
    public double takeWindowPeak() {
        double max = 0.0;
        for (int c = 0; c < channels; c++) {
            max = Math.max(max, windowPeak[c]);
            windowPeak[c] = 0.0;
        }
        return max;
    }

    /**
     * Feeds {@code frames} interleaved frames and writes, for each, the largest interpolated
     * magnitude over all channels into {@code peaks[i]}. The value for input frame {@code n}
     * (counted from the start of the stream) covers the open interval between samples
     * {@code n - 12} and {@code n - 11} ({@link #INTERVAL_DELAY}); the samples themselves are not
     * included. Does not update the running peaks of {@link #measure}.
     */
    public void intervalPeaks(double[] interleaved, int frames, double[] peaks) {
        ensureCapacity(frames);
        Arrays.fill(peaks, 0, frames, 0.0);
        for (int c = 0; c < channels; c++) {
            double[] x = load(interleaved, 0, frames, c);
            interpolate(x, 0, frames, interpolated);
            for (int i = 0; i < frames; i++) {
                double coarse = interpolated[i];
                if (nearPeak(x, i, coarse) > refineAbove) {
                    coarse = Math.max(coarse, fine(x, i));
                }
                peaks[i] = coarse > peaks[i] ? coarse : peaks[i];
            }
            store(x, frames, c);
        }
    }

    /** Feeds enough silence to cover the interpolated tail after the last sample. */
    public void flush() {
        measure(new double[HISTORY * channels], HISTORY);
    }

    /** Largest true peak over all channels so far, as a linear amplitude (1.0 = full scale). */
    public double truePeak() {
        double max = 0.0;
        for (double p : truePeak) {
            max = Math.max(max, p);
        }
        return max;
    }

    /** Largest absolute sample over all channels so far, as a linear amplitude. */
    public double samplePeak() {
        double max = 0.0;
        for (double p : samplePeak) {
            max = Math.max(max, p);
        }
        return max;
    }

    private void ensureCapacity(int frames) {
        if (line.length < HISTORY + frames) {
            line = new double[HISTORY + frames];
            interpolated = new double[frames];
            runPeaks = new double[(HISTORY + frames + SKIP_RUN - 1) / SKIP_RUN];
        }
    }

    /** Copies one channel's history and new samples into a contiguous line. */
    private double[] load(double[] interleaved, int offset, int frames, int c) {
        double[] x = line;
        System.arraycopy(history[c], 0, x, 0, HISTORY);
        for (int i = 0, k = offset * channels + c; i < frames; i++, k += channels) {
            x[HISTORY + i] = interleaved[k];
        }
        return x;
    }

    private void store(double[] x, int frames, int c) {
        System.arraycopy(x, frames, history[c], 0, HISTORY);
    }

    /**
     * The most the waveform between {@code x[i+11]} and {@code x[i+12]} can reach, given its 4x
     * points there ({@code coarse}) and the two samples: the test for refining the interval.
     */
    private static double nearPeak(double[] x, int i, double coarse) {
        double grid = Math.max(coarse, Math.max(Math.abs(x[i + HALF_WINDOW - 1]), Math.abs(x[i + HALF_WINDOW])));
        return grid * InterpolationFilter.BETWEEN_POINTS_GAIN;
    }

    /** The largest magnitude of the 31 fine points between {@code x[i+11]} and {@code x[i+12]}. */
    private static double fine(double[] x, int i) {
        double largest = 0.0;
        for (double[] taps : InterpolationFilter.FINE) {
            double sum = 0.0;
            for (int j = 0; j < taps.length; j++) {
                sum += taps[j] * x[i + j];
            }
            double magnitude = Math.abs(sum);
            largest = magnitude > largest ? magnitude : largest;
        }
        return largest;
    }

    /** Largest {@code |x[j]|} for {@code j} in {@code [from, to)}. */
    private static double largestMagnitude(double[] x, int from, int to) {
        double largest = 0.0;
        for (int j = from; j < to; j++) {
            double v = Math.abs(x[j]);
            largest = v > largest ? v : largest;
        }
        return largest;
    }

    /**
     * For each window {@code x[i .. i+23]}, {@code i} in {@code [from, to)}, writes the largest
     * magnitude of the three interpolated points between {@code x[i+11]} and {@code x[i+12]} to
     * {@code out[i]}. Written out tap by tap so the loop body has no calls and no carried state.
     */
    private static void interpolate(double[] x, int from, int to, double[] out) {
        final double[] h = InterpolationFilter.HALF_SAMPLE;
        final double[] s = InterpolationFilter.QUARTER_SYMMETRIC;
        final double[] a = InterpolationFilter.QUARTER_ANTISYMMETRIC;
        final double h0 = h[0], h1 = h[1], h2 = h[2], h3 = h[3], h4 = h[4], h5 = h[5];
        final double h6 = h[6], h7 = h[7], h8 = h[8], h9 = h[9], h10 = h[10], h11 = h[11];
        final double s0 = s[0], s1 = s[1], s2 = s[2], s3 = s[3], s4 = s[4], s5 = s[5];
        final double s6 = s[6], s7 = s[7], s8 = s[8], s9 = s[9], s10 = s[10], s11 = s[11];
        final double a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5];
        final double a6 = a[6], a7 = a[7], a8 = a[8], a9 = a[9], a10 = a[10], a11 = a[11];
        for (int i = from; i < to; i++) {
            double f0 = x[i] + x[i + 23], g0 = x[i] - x[i + 23];
            double f1 = x[i + 1] + x[i + 22], g1 = x[i + 1] - x[i + 22];
            double f2 = x[i + 2] + x[i + 21], g2 = x[i + 2] - x[i + 21];
            double f3 = x[i + 3] + x[i + 20], g3 = x[i + 3] - x[i + 20];
            double f4 = x[i + 4] + x[i + 19], g4 = x[i + 4] - x[i + 19];
            double f5 = x[i + 5] + x[i + 18], g5 = x[i + 5] - x[i + 18];
            double f6 = x[i + 6] + x[i + 17], g6 = x[i + 6] - x[i + 17];
            double f7 = x[i + 7] + x[i + 16], g7 = x[i + 7] - x[i + 16];
            double f8 = x[i + 8] + x[i + 15], g8 = x[i + 8] - x[i + 15];
            double f9 = x[i + 9] + x[i + 14], g9 = x[i + 9] - x[i + 14];
            double f10 = x[i + 10] + x[i + 13], g10 = x[i + 10] - x[i + 13];
            double f11 = x[i + 11] + x[i + 12], g11 = x[i + 11] - x[i + 12];
            // Summed as a tree rather than left to right: three short dependency chains instead
            // of three long ones let the CPU overlap more of the work (about 30% faster).
            double half = ((h0 * f0 + h1 * f1) + (h2 * f2 + h3 * f3)) + ((h4 * f4 + h5 * f5)
                    + (h6 * f6 + h7 * f7)) + ((h8 * f8 + h9 * f9) + (h10 * f10 + h11 * f11));
            double sym = ((s0 * f0 + s1 * f1) + (s2 * f2 + s3 * f3)) + ((s4 * f4 + s5 * f5)
                    + (s6 * f6 + s7 * f7)) + ((s8 * f8 + s9 * f9) + (s10 * f10 + s11 * f11));
            double anti = ((a0 * g0 + a1 * g1) + (a2 * g2 + a3 * g3)) + ((a4 * g4 + a5 * g5)
                    + (a6 * g6 + a7 * g7)) + ((a8 * g8 + a9 * g9) + (a10 * g10 + a11 * g11));
            double mirrored = Math.abs(sym) + Math.abs(anti);
            double magnitude = Math.abs(half);
            out[i] = magnitude > mirrored ? magnitude : mirrored;
        }
    }
}
