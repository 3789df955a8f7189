package io.concierge.workers.audio.normalize;

import io.concierge.workers.audio.loudness.LoudnessMeasurement;
import io.concierge.workers.audio.wav.WavFormat;

/**
 * Everything a normalization did and measured.
 *
 * @param settings       the target and ceiling asked for
 * @param format         format of the written output (the input's, unless another was asked for)
 * @param input          measurement of the input
 * @param output         measurement of the written output
 * @param gainDb         total static gain applied before the limiter, dB (including make-up)
 * @param limiter        what the limiter did
 * @param dithered       whether TPDF dither was added (16-bit output)
 * @param clippedSamples samples saturated at full scale while writing (0 in normal operation)
 * @param passes         how many passes over the file were made
 */
public record NormalizationResult(NormalizeSettings settings, WavFormat format, LoudnessMeasurement input,
                                  LoudnessMeasurement output, double gainDb, LimiterOutcome limiter,
                                  boolean dithered, long clippedSamples, int passes) {

    /** How close to the target the output must be to count as on target, LU. */
    public static final double TARGET_TOLERANCE_LU = 0.5;

    /** Whether the output's integrated loudness is within {@link #TARGET_TOLERANCE_LU} of the target. */
    public boolean targetMet() {
        return Math.abs(output.integratedLufs() - settings.targetLufs()) <= TARGET_TOLERANCE_LU;
    }

    /** Whether the output's true peak is at or below the ceiling. */
    public boolean ceilingMet() {
        return output.truePeakDbtp() <= settings.ceilingDbtp() + 1e-9;
    }
}
