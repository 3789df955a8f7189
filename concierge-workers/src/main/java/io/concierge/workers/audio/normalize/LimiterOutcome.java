package io.concierge.workers.audio.normalize;

/**
 * What the true-peak limiter did.
 *
 * @param applied            whether the limiter ran at all
 * @param thresholdDbtp      the true-peak threshold it limited to, dBTP (the ceiling minus a
 *                           safety margin)
 * @param maxGainReductionDb largest gain reduction, dB
 * @param limitedSeconds     how long the gain was below unity
 * @param makeupGainDb       extra gain added to win back the loudness the limiter took, dB
 * @param stepGains          smallest gain (linear) of each 100 ms loudness step of the output, as
 *                           {@link io.concierge.workers.audio.loudness.LoudnessTimeline} steps them;
 *                           empty when the limiter did not run
 */
public record LimiterOutcome(boolean applied, double thresholdDbtp, double maxGainReductionDb,
                             double limitedSeconds, double makeupGainDb, double[] stepGains) {

    /** The outcome when the gain alone keeps the true peak under the ceiling. */
    public static LimiterOutcome notNeeded() {
        return new LimiterOutcome(false, Double.NaN, 0.0, 0.0, 0.0, new double[0]);
    }
}
