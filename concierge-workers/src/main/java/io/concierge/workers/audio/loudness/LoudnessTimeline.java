package io.concierge.workers.audio.loudness;

/**
 * Loudness over time, on a grid of 100 ms steps: what a loudness meter (EBU Tech 3341) would have
 * shown at the end of each step. Index {@code i} is the step ending at {@code (i + 1) * stepSeconds}.
 *
 * <pre>{@code
 * LoudnessTimeline t = new LoudnessMeter().measure(wav).timeline();
 * double loudestShortTerm = Arrays.stream(t.shortTermLufs()).filter(Double::isFinite).max().orElse(NaN);
 * }</pre>
 *
 * <p>The arrays are the analyzer's own (one number per step, 36,000 an hour), not copies: treat
 * them as read-only.
 *
 * @param stepSeconds   length of one step (0.1 s, rounded to whole frames)
 * @param momentaryLufs momentary loudness (400 ms window ending with the step); {@code NaN} for the
 *                      first three steps, negative infinity for digital silence
 * @param shortTermLufs short-term loudness (3 s window ending with the step); {@code NaN} for the
 *                      first 29 steps, negative infinity for digital silence
 * @param truePeak      peak within the step over all channels, as a linear amplitude: the 4x true
 *                      peak wherever the step could hold the file's largest peak so far, otherwise
 *                      at least the sample peak (see {@link TruePeakDetector#takeWindowPeak()});
 *                      empty when true peak was not measured. The frames after the last whole step
 *                      count towards the last step.
 * @param relativeGateLufs the relative gate of the integrated loudness: 400 ms blocks at or below it
 *                      (and below the -70 LUFS absolute gate) were not counted
 */
public record LoudnessTimeline(double stepSeconds, double[] momentaryLufs, double[] shortTermLufs, double[] truePeak,
                               double relativeGateLufs) {

    /** Number of steps. */
    public int steps() {
        return momentaryLufs.length;
    }

    /**
     * Whether the 400 ms block ending with step {@code i} was left out of the integrated loudness
     * (false for the first three steps, which end no block).
     */
    public boolean gated(int i) {
        double m = momentaryLufs[i];
        return !Double.isNaN(m) && !(m > Math.max(relativeGateLufs, GatedLoudness.ABSOLUTE_GATE_LUFS));
    }
}
