package io.concierge.workers.audio.loudness;

import java.util.Arrays;

/**
 * Turns the K-weighted energies of consecutive 100 ms steps into gated loudness figures.
 *
 * <p>Each step holds the channel-weighted sum of squared K-weighted samples over one tenth of a
 * second. A 400 ms gating block is four consecutive steps, so blocks start every 100 ms (75%
 * overlap) as BS.1770-4 asks; a 3 s short-term window is thirty steps, also every 100 ms, as EBU
 * Tech 3342 asks for loudness range. Only complete blocks and windows count.
 */
final class GatedLoudness {

    static final double ABSOLUTE_GATE_LUFS = -70.0;
    static final double RELATIVE_GATE_LU = -10.0;
    static final double RANGE_RELATIVE_GATE_LU = -20.0;
    static final double RANGE_LOW_PERCENTILE = 0.10;
    static final double RANGE_HIGH_PERCENTILE = 0.95;
    static final int STEPS_PER_BLOCK = 4;
    static final int STEPS_PER_SHORT_TERM = 30;

    private final int stepFrames;
    private double[] steps = new double[256];
    private int count;

    /** @param stepFrames frames in one 100 ms step */
    GatedLoudness(int stepFrames) {
        this.stepFrames = stepFrames;
    }

    void addStep(double weightedSumOfSquares) {
        if (count == steps.length) {
            steps = Arrays.copyOf(steps, count * 2);
        }
        steps[count++] = weightedSumOfSquares;
    }

    /** Mean-square energies of the complete windows of {@code span} steps, one per step. */
    private double[] windows(int span) {
        int n = count - span + 1;
        if (n <= 0) {
            return new double[0];
        }
        double[] energies = new double[n];
        double scale = 1.0 / ((double) span * stepFrames);
        for (int k = 0; k < n; k++) {
            double sum = 0.0;
            for (int j = k; j < k + span; j++) {
                sum += steps[j];
            }
            energies[k] = sum * scale;
        }
        return energies;
    }

    /**
     * The loudness of the window of {@code span} steps ending with each step, one value per step
     * so far: {@code NaN} while fewer than {@code span} steps have passed, negative infinity for
     * digital silence. With {@link #STEPS_PER_BLOCK} these are the momentary readings (400 ms),
     * with {@link #STEPS_PER_SHORT_TERM} the short-term ones (3 s) of EBU Tech 3341.
     */
    double[] readings(int span) {
        double[] energies = windows(span);
        double[] lufs = new double[count];
        java.util.Arrays.fill(lufs, 0, Math.min(count, span - 1), Double.NaN);
        for (int k = 0; k < energies.length; k++) {
            lufs[k + span - 1] = loudness(energies[k]);
        }
        return lufs;
    }

    /** Integrated loudness and its relative gate: {@code [integrated, gate]} in LUFS. */
    double[] integrated() throws UnmeasurableAudioException {
        double[] blocks = windows(STEPS_PER_BLOCK);
        if (blocks.length == 0) {
            throw new UnmeasurableAudioException("it is shorter than one 400 ms loudness block");
        }
        double absoluteGate = energy(ABSOLUTE_GATE_LUFS);
        double sum = 0.0;
        int passed = 0;
        for (double z : blocks) {
            if (z > absoluteGate) {
                sum += z;
                passed++;
            }
        }
        if (passed == 0) {
            throw new UnmeasurableAudioException("it is silent: every 400 ms block is below the -70 LUFS absolute gate");
        }
        double relativeGateLufs = loudness(sum / passed) + RELATIVE_GATE_LU;
        double gate = Math.max(absoluteGate, energy(relativeGateLufs));
        double gatedSum = 0.0;
        int gated = 0;
        for (double z : blocks) {
            if (z > gate) {
                gatedSum += z;
                gated++;
            }
        }
        // The mean of the blocks above the relative gate is at least the absolute-gated mean, so
        // at least the loudest block passes: gated > 0 here.
        return new double[] {loudness(gatedSum / gated), relativeGateLufs};
    }

    /** Loudness range in LU per EBU Tech 3342, 0 when there is nothing to measure. */
    double range() {
        double[] windows = windows(STEPS_PER_SHORT_TERM);
        double absoluteGate = energy(ABSOLUTE_GATE_LUFS);
        double sum = 0.0;
        int passed = 0;
        for (double z : windows) {
            if (z > absoluteGate) {
                sum += z;
                passed++;
            }
        }
        if (passed == 0) {
            return 0.0;
        }
        double gate = energy(loudness(sum / passed) + RANGE_RELATIVE_GATE_LU);
        double[] kept = new double[passed];
        int n = 0;
        for (double z : windows) {
            if (z > absoluteGate && z > gate) {
                kept[n++] = z;
            }
        }
        if (n < 2) {
            return 0.0;
        }
        Arrays.sort(kept, 0, n);
        // Nearest-rank percentiles, as libebur128 computes them.
        double low = kept[(int) Math.round((n - 1) * RANGE_LOW_PERCENTILE)];
        double high = kept[(int) Math.round((n - 1) * RANGE_HIGH_PERCENTILE)];
        return loudness(high) - loudness(low);
    }

    /** BS.1770 loudness of a weighted mean-square energy. */
    static double loudness(double energy) {
        return -0.691 + 10.0 * Math.log10(energy);
    }

    /** The weighted mean-square energy of a loudness. */
    static double energy(double lufs) {
        return Math.pow(10.0, (lufs + 0.691) / 10.0);
    }
}
