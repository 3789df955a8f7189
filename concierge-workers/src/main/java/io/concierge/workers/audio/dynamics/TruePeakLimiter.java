package io.concierge.workers.audio.dynamics;

import io.concierge.workers.audio.loudness.TruePeakDetector;

/**
 * A look-ahead limiter that keeps the true peak of its output at or below a threshold, with a
 * smooth gain curve so that it stays transparent on occasional peaks. The true peak is the
 * waveform's own, not just its 4x points: the detector refines every interval that may reach the
 * threshold at 32 points per sample, so a meter that looks at other points between the samples
 * (ffmpeg's {@code ebur128=peak=true} resamples to 192 kHz, which 44.1 kHz does not divide) reads
 * no more than the threshold either.
 *
 * <p>How the gain is built, per frame {@code m}:
 * <ol>
 *   <li>{@code P[m]}: the largest magnitude of sample {@code m} and of the interpolated waveform
 *       on both sides of it, over all channels (the detector's estimate, refined near the
 *       threshold);</li>
 *   <li>{@code r[m] = min(1, threshold / P[m])}: the gain that frame alone needs;</li>
 *   <li>{@code h[m]}: the minimum of {@code r} over the last {@code L} frames ({@code L} = the
 *       look-ahead), which holds each reduction for {@code L} frames;</li>
 *   <li>{@code e[m]}: {@code h} with an exponential release: it follows {@code h} down at once
 *       and back up with the release time constant, never above {@code h};</li>
 *   <li>{@code g[m]}: the mean of {@code e} over the last {@code L} frames, a linear attack ramp.</li>
 * </ol>
 * Audio is delayed by {@code L - 1} frames (plus the detector's 12-frame delay) and frame
 * {@code k} leaves multiplied by {@code g[k + L - 1]}, the mean of {@code e[k .. k+L-1]}. Each of
 * those terms is at most {@code r[k]}, so the output magnitude around frame {@code k} is at most
 * the threshold: the limiter cannot overshoot, while the gain moves along a ramp of at least
 * {@code L} frames instead of jumping.
 *
 * <p>The gain is a single factor for all channels, so the stereo image does not shift. The
 * guarantee holds for the oversampled estimate with the gain frozen over the interpolation
 * window; because the gain moves slowly against the 24-tap window, the residual error is a few
 * hundredths of a dB, which the caller covers with a small threshold margin. Not thread-safe.
 */
public final class TruePeakLimiter {

    /**
     * Gains above this (0.01 dB of reduction) do not count as limiting: the exponential release
     * approaches unity without ever reaching it exactly.
     */
    private static final double AUDIBLE_GAIN = 0.998849;
    /** Frames between an input frame and the interval (m, m+1) the detector reports with it. */
    private static final int DETECTOR_DELAY = TruePeakDetector.INTERVAL_DELAY;

    private final int channels;
    private final double threshold;
    private final int lookahead;
    private final double releaseCoefficient;
    private final TruePeakDetector detector;
    private final SlidingMinimum hold;
    private final MovingAverage attack;
    private final int delay;
    private final double[] audio;
    private final double[] sampleMagnitude;
    private double[] intervals = new double[0];
    private long inputFrames;
    private double previousInterval;
    private double envelope = 1.0;
    private double minimumGain = 1.0;
    private long reducedFrames;
    /** Frames per entry of the gain trace; 0 for none. */
    private final int traceFrames;
    /** Smallest gain of each {@link #traceFrames} output frames, grown as frames leave. */
    private double[] trace = new double[0];
    private int traced;

    /**
     * @param channels         interleaved channels
     * @param sampleRate       frames per second
     * @param threshold        largest output true peak as a linear amplitude (1.0 = full scale)
     * @param lookaheadSeconds length of the attack ramp and hold; the audio delay
     * @param releaseSeconds   time constant of the gain's recovery
     */
    public TruePeakLimiter(int channels, int sampleRate, double threshold, double lookaheadSeconds, double releaseSeconds) {
        this(channels, sampleRate, threshold, lookaheadSeconds, releaseSeconds, 0);
    }

    /**
     * A limiter that also keeps the smallest gain of every {@code traceFrames} output frames (see
     * {@link #gainTrace()}): where and how hard it acted, for a loudness timeline.
     *
     * @param channels         interleaved channels
     * @param sampleRate       frames per second
     * @param threshold        largest output true peak as a linear amplitude (1.0 = full scale)
     * @param lookaheadSeconds length of the attack ramp and hold; the audio delay
     * @param releaseSeconds   time constant of the gain's recovery
     * @param traceFrames      output frames per trace entry (a 100 ms loudness step), or 0 for no trace
     */
    public TruePeakLimiter(int channels, int sampleRate, double threshold, double lookaheadSeconds, double releaseSeconds,
                           int traceFrames) {
        if (traceFrames < 0) {
            throw new IllegalArgumentException("traceFrames must not be negative, got " + traceFrames);
        }
        this.traceFrames = traceFrames;
        if (!(threshold > 0.0)) {
            throw new IllegalArgumentException("threshold must be positive, got " + threshold);
        }
        this.channels = channels;
        this.threshold = threshold;
        this.lookahead = Math.max(1, (int) Math.round(lookaheadSeconds * sampleRate));
        this.releaseCoefficient = 1.0 - Math.exp(-1.0 / Math.max(1.0, releaseSeconds * sampleRate));
        this.detector = new TruePeakDetector(channels, threshold);
        this.hold = new SlidingMinimum(lookahead);
        this.attack = new MovingAverage(lookahead, 1.0);
        this.delay = DETECTOR_DELAY + lookahead - 1;
        this.audio = new double[(delay + 1) * channels];
        this.sampleMagnitude = new double[delay + 1];
    }

    /** Frames between an input frame and the same frame leaving {@link #process}. */
    public int latencyFrames() {
        return delay;
    }

    /**
     * Limits {@code frames} frames of {@code in} and writes the frames that are ready to
     * {@code out}; returns how many were written. Until {@link #latencyFrames()} frames have gone
     * in, fewer come out; {@link #flush} returns the rest.
     */
    public int process(double[] in, int frames, double[] out) {
        if (intervals.length < frames) {
            intervals = new double[frames];
        }
        detector.intervalPeaks(in, frames, intervals);
        int written = 0;
        int ring = delay + 1;
        for (int i = 0; i < frames; i++) {
            long n = inputFrames++;
            int slot = (int) (n % ring);
            double magnitude = 0.0;
            for (int c = 0, src = i * channels, dst = slot * channels; c < channels; c++) {
                double v = in[src + c];
                audio[dst + c] = v;
                magnitude = Math.max(magnitude, Math.abs(v));
            }
            sampleMagnitude[slot] = magnitude;
            double interval = intervals[i];
            if (n < DETECTOR_DELAY) {
                // Intervals before the first sample only exist through the filter's tails; fold
                // them into the first frame's peak so nothing is ignored.
                previousInterval = Math.max(previousInterval, interval);
                continue;
            }
            long m = n - DETECTOR_DELAY;
            double peak = Math.max(sampleMagnitude[(int) (m % ring)], Math.max(previousInterval, interval));
            previousInterval = interval;
            double gain = nextGain(peak);
            long k = m - lookahead + 1;
            if (k >= 0) {
                emit(k, gain, out, written++);
            }
        }
        return written;
    }

    /**
     * Pushes silence through the look-ahead and writes the last {@link #latencyFrames()} frames
     * to {@code out} (which must hold that many frames); returns how many were written.
     */
    public int flush(double[] out) {
        // Exactly `delay` frames of silence push the last real frame out and no silent one.
        return process(new double[delay * channels], delay, out);
    }

    private double nextGain(double peak) {
        double required = peak > threshold ? threshold / peak : 1.0;
        double held = hold.push(required);
        envelope = held < envelope ? held : envelope + (held - envelope) * releaseCoefficient;
        return attack.push(envelope);
    }

    private void emit(long k, double gain, double[] out, int index) {
        int slot = (int) (k % (delay + 1));
        for (int c = 0, src = slot * channels, dst = index * channels; c < channels; c++) {
            out[dst + c] = audio[src + c] * gain;
        }
        minimumGain = Math.min(minimumGain, gain);
        if (gain < AUDIBLE_GAIN) {
            reducedFrames++;
        }
        if (traceFrames > 0) {
            int entry = (int) (k / traceFrames);
            if (entry >= traced) {
                if (entry >= trace.length) {
                    trace = java.util.Arrays.copyOf(trace, Math.max(256, 2 * (entry + 1)));
                }
                trace[entry] = 1.0;
                traced = entry + 1;
            }
            trace[entry] = Math.min(trace[entry], gain);
        }
    }

    /**
     * The smallest gain (linear, 1.0 = untouched) of each {@code traceFrames} output frames so
     * far, the last entry possibly covering fewer frames; empty without a trace.
     */
    public double[] gainTrace() {
        return java.util.Arrays.copyOf(trace, traced);
    }

    /** Largest gain reduction applied so far, in dB (0 when the limiter never acted). */
    public double maxGainReductionDb() {
        return -20.0 * Math.log10(minimumGain);
    }

    /** Number of frames that left with more than 0.01 dB of gain reduction. */
    public long reducedFrames() {
        return reducedFrames;
    }
}
