package io.concierge.workers.audio.loudness;

import java.util.stream.IntStream;

/**
 * Measures integrated loudness, loudness range and (optionally) true peak of a stream of
 * interleaved blocks, in one pass and constant memory (apart from one number per 100 ms).
 *
 * <pre>{@code
 * LoudnessAnalyzer analyzer = new LoudnessAnalyzer(48000, ChannelWeights.of(2, 0), true);
 * analyzer.accept(block, frames);   // as often as needed
 * LoudnessMeasurement m = analyzer.finish();
 * }</pre>
 *
 * <p>Each channel runs through the two K-weighting biquads (transposed direct form II, state kept
 * in locals inside the loop), its squares are summed per 100 ms step and weighted by the channel's
 * BS.1770 weight. Not thread-safe.
 */
public final class LoudnessAnalyzer {

    private final int channels;
    private final int sampleRate;
    private final double[] weights;
    /** Channels with a non-zero weight (the LFE channel is skipped entirely). */
    private final int[] active;
    private final double[] pairSums = new double[2];
    private final BiquadCoefficients shelf;
    private final BiquadCoefficients highPass;
    /** Per channel: shelf state z1, z2, then high-pass state z1, z2. */
    private final double[][] state;
    private final int stepFrames;
    private final GatedLoudness gating;
    private final TruePeakDetector truePeak;
    /** Largest true peak of each complete step (the timeline's), grown as steps complete. */
    private double[] stepPeaks = new double[256];
    private int stepCount;
    private int stepFill;
    private double stepEnergy;
    private long frames;

    /**
     * @param sampleRate      frames per second
     * @param channelWeights  BS.1770 weight of each channel (see {@link ChannelWeights})
     * @param measureTruePeak whether to also measure the 4x-oversampled true peak
     */
    public LoudnessAnalyzer(int sampleRate, double[] channelWeights, boolean measureTruePeak) {
        this(sampleRate, channelWeights, measureTruePeak, Double.POSITIVE_INFINITY);
    }

    /**
     * @param sampleRate          frames per second
     * @param channelWeights      BS.1770 weight of each channel (see {@link ChannelWeights})
     * @param measureTruePeak     whether to also measure the true peak
     * @param refineTruePeakAbove linear amplitude from which the true peak is followed between the
     *                            4x points (see {@link TruePeakDetector}): a ceiling to check
     */
    public LoudnessAnalyzer(int sampleRate, double[] channelWeights, boolean measureTruePeak,
                            double refineTruePeakAbove) {
        this.channels = channelWeights.length;
        this.sampleRate = sampleRate;
        this.weights = channelWeights.clone();
        this.active = IntStream.range(0, channels).filter(c -> weights[c] != 0.0).toArray();
        this.shelf = KWeighting.shelf(sampleRate);
        this.highPass = KWeighting.highPass(sampleRate);
        this.state = new double[channels][4];
        this.stepFrames = stepFrames(sampleRate);
        this.gating = new GatedLoudness(stepFrames);
        this.truePeak = measureTruePeak ? new TruePeakDetector(channels, refineTruePeakAbove) : null;
    }

    /**
     * Frames in one 100 ms step at {@code sampleRate}: rounded like libebur128, so rates that are
     * not a multiple of 10 Hz still get 100 ms steps.
     */
    public static int stepFrames(int sampleRate) {
        return (sampleRate + 5) / 10;
    }

    /** Feeds {@code count} frames of {@code interleaved}. */
    public void accept(double[] interleaved, int count) {
        int offset = 0;
        while (offset < count) {
            int n = Math.min(count - offset, stepFrames - stepFill);
            if (truePeak != null) {
                // Fed step by step, so that each step's own peak can be taken when it completes.
                truePeak.measure(interleaved, offset, n);
            }
            double energy = 0.0;
            int k = 0;
            // Two channels per loop: each biquad is a chain of dependent operations, and running
            // two independent chains side by side lets the CPU overlap them.
            for (; k + 1 < active.length; k += 2) {
                filterPair(interleaved, offset, n, active[k], active[k + 1]);
                energy += weights[active[k]] * pairSums[0] + weights[active[k + 1]] * pairSums[1];
            }
            if (k < active.length) {
                energy += weights[active[k]] * filteredSumOfSquares(interleaved, offset, n, active[k]);
            }
            stepEnergy += energy;
            stepFill += n;
            offset += n;
            if (stepFill == stepFrames) {
                gating.addStep(stepEnergy);
                if (truePeak != null) {
                    if (stepCount == stepPeaks.length) {
                        stepPeaks = java.util.Arrays.copyOf(stepPeaks, stepCount * 2);
                    }
                    stepPeaks[stepCount] = truePeak.takeWindowPeak();
                }
                stepCount++;
                stepEnergy = 0.0;
                stepFill = 0;
            }
        }
        frames += count;
    }

    /** K-weights {@code n} frames of channel {@code c} from frame {@code offset}; returns the sum of squares. */
    private double filteredSumOfSquares(double[] interleaved, int offset, int n, int c) {
        final double sb0 = shelf.b0(), sb1 = shelf.b1(), sb2 = shelf.b2(), sa1 = shelf.a1(), sa2 = shelf.a2();
        final double hb0 = highPass.b0(), hb1 = highPass.b1(), hb2 = highPass.b2();
        final double ha1 = highPass.a1(), ha2 = highPass.a2();
        double[] z = state[c];
        double z1 = z[0], z2 = z[1], w1 = z[2], w2 = z[3];
        double sum = 0.0;
        final int stride = channels;
        for (int i = 0, k = offset * stride + c; i < n; i++, k += stride) {
            double x = interleaved[k];
            double y = sb0 * x + z1;
            z1 = sb1 * x - sa1 * y + z2;
            z2 = sb2 * x - sa2 * y;
            double v = hb0 * y + w1;
            w1 = hb1 * y - ha1 * v + w2;
            w2 = hb2 * y - ha2 * v;
            sum += v * v;
        }
        z[0] = z1;
        z[1] = z2;
        z[2] = w1;
        z[3] = w2;
        return sum;
    }

    /** {@link #filteredSumOfSquares} for channels {@code a} and {@code b} at once; sums land in {@link #pairSums}. */
    private void filterPair(double[] interleaved, int offset, int n, int a, int b) {
        final double sb0 = shelf.b0(), sb1 = shelf.b1(), sb2 = shelf.b2(), sa1 = shelf.a1(), sa2 = shelf.a2();
        final double hb0 = highPass.b0(), hb1 = highPass.b1(), hb2 = highPass.b2();
        final double ha1 = highPass.a1(), ha2 = highPass.a2();
        double[] za = state[a];
        double[] zb = state[b];
        double z1 = za[0], z2 = za[1], w1 = za[2], w2 = za[3];
        double u1 = zb[0], u2 = zb[1], v1 = zb[2], v2 = zb[3];
        double sumA = 0.0;
        double sumB = 0.0;
        final int stride = channels;
        final int shift = b - a;
        for (int i = 0, k = offset * stride + a; i < n; i++, k += stride) {
            double x = interleaved[k];
            double y = sb0 * x + z1;
            z1 = sb1 * x - sa1 * y + z2;
            z2 = sb2 * x - sa2 * y;
            double o = hb0 * y + w1;
            w1 = hb1 * y - ha1 * o + w2;
            w2 = hb2 * y - ha2 * o;
            sumA += o * o;

            double xb = interleaved[k + shift];
            double yb = sb0 * xb + u1;
            u1 = sb1 * xb - sa1 * yb + u2;
            u2 = sb2 * xb - sa2 * yb;
            double ob = hb0 * yb + v1;
            v1 = hb1 * yb - ha1 * ob + v2;
            v2 = hb2 * yb - ha2 * ob;
            sumB += ob * ob;
        }
        za[0] = z1;
        za[1] = z2;
        za[2] = w1;
        za[3] = w2;
        zb[0] = u1;
        zb[1] = u2;
        zb[2] = v1;
        zb[3] = v2;
        pairSums[0] = sumA;
        pairSums[1] = sumB;
    }

    /**
     * Completes the measurement.
     *
     * @throws UnmeasurableAudioException when the audio is shorter than one 400 ms block or silent
     */
    public LoudnessMeasurement finish() throws UnmeasurableAudioException {
        double[] integrated = gating.integrated();
        double range = gating.range();
        double peak = Double.NaN;
        double sample = Double.NaN;
        double[] peaks = new double[0];
        if (truePeak != null) {
            truePeak.flush();
            peak = truePeak.truePeak();
            sample = truePeak.samplePeak();
            peaks = java.util.Arrays.copyOf(stepPeaks, stepCount);
            // The tail (the interpolation's and the frames after the last whole step) counts
            // towards the last step, so the timeline's largest peak is the file's. There is a
            // step: shorter audio has no 400 ms block and was refused above.
            peaks[stepCount - 1] = Math.max(peaks[stepCount - 1], truePeak.takeWindowPeak());
        }
        LoudnessTimeline timeline = new LoudnessTimeline((double) stepFrames / sampleRate,
                gating.readings(GatedLoudness.STEPS_PER_BLOCK), gating.readings(GatedLoudness.STEPS_PER_SHORT_TERM),
                peaks, integrated[1]);
        return new LoudnessMeasurement(integrated[0], integrated[1], range, peak, sample, frames, sampleRate, timeline);
    }
}
