package io.concierge.workers.audio.normalize;

import io.concierge.workers.audio.LoudnessMeter;
import io.concierge.workers.audio.ProgressListener;
import io.concierge.workers.audio.loudness.LoudnessMeasurement;
import io.concierge.workers.audio.loudness.UnmeasurableAudioException;
import io.concierge.workers.audio.wav.WavFormat;
import io.concierge.workers.audio.wav.WavReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Normalizes a WAV file to a target integrated loudness under a true-peak ceiling.
 *
 * <p>Passes over the file, each streaming in constant memory:
 * <ol>
 *   <li>measure integrated loudness, loudness range and true peak;</li>
 *   <li>gain = target - measured. If the input's true peak plus that gain stays under the
 *       limiter threshold (the ceiling minus {@value #LIMITER_MARGIN_DB} dB), the gain is all there
 *       is: one more pass writes the file and the result is exact;</li>
 *   <li>otherwise a look-ahead true-peak limiter is needed, and it takes some loudness away. Up to
 *       {@value #MAX_MAKEUP_PASSES} quick passes (gain and limiter and loudness only, no writing)
 *       find the make-up gain that brings the limited output back to the target (secant steps,
 *       at most {@value #MAX_MAKEUP_DB} dB, since more make-up means more limiting);</li>
 *   <li>a final pass writes the file and measures what was written, following the waveform
 *       between the 4x points wherever it comes near the ceiling. Should that true peak still be
 *       over the ceiling (the limiter's estimate and the measurement can differ by hundredths of a
 *       dB when the gain moves fast), the pass is repeated with the threshold lowered by the
 *       excess; should a file written without the limiter (the input's 4x reading said none was
 *       needed) cross it between the points, it is written again with the limiter on.</li>
 * </ol>
 *
 * <p>The trade-off: a target that the peaks do not allow is reached by limiting, which is
 * transparent for occasional peaks (a 5 ms ramp, 100 ms release) but audibly flattens dense,
 * heavily limited material; the report states how much reduction was applied so a person can
 * judge, and choose a lower target instead. Instances are stateless and thread-safe.
 */
public final class LoudnessNormalizer {

    /** Limiter threshold below the ceiling, covering the estimate-versus-measurement difference. */
    public static final double LIMITER_MARGIN_DB = 0.1;
    /** Limiter look-ahead: the attack ramp length and the audio delay. */
    public static final double LOOKAHEAD_SECONDS = 0.005;
    /** Limiter release time constant. */
    public static final double RELEASE_SECONDS = 0.100;
    /** Most make-up gain added to compensate for limiting. */
    public static final double MAX_MAKEUP_DB = 3.0;
    /** Most simulation passes spent finding the make-up gain. */
    public static final int MAX_MAKEUP_PASSES = 3;
    /** Make-up search stops once the limited loudness is this close to the target. */
    public static final double MAKEUP_TOLERANCE_LU = 0.05;
    private static final int MAX_WRITE_ATTEMPTS = 3;

    private final LoudnessMeter meter = new LoudnessMeter(GainPass.BLOCK_FRAMES);

    /**
     * Normalizes {@code input} into {@code output} (created or replaced).
     *
     * @throws io.concierge.workers.audio.wav.InvalidWavException when the input is not a supported WAV
     * @throws UnmeasurableAudioException when the input is too short or silent
     */
    public NormalizationResult normalize(Path input, Path output, NormalizeSettings settings, ProgressListener listener)
            throws IOException, UnmeasurableAudioException {
        return normalize(input, output, null, settings, listener);
    }

    /**
     * Normalizes {@code input} into {@code output} (created or replaced), written in
     * {@code outputFormat} (same channels and rate as the input; {@code null} for the input's own
     * format), e.g. 24-bit PCM from the float WAV a decoder produced.
     *
     * @throws io.concierge.workers.audio.wav.InvalidWavException when the input is not a supported WAV
     * @throws UnmeasurableAudioException when the input is too short or silent
     */
    public NormalizationResult normalize(Path input, Path output, WavFormat outputFormat, NormalizeSettings settings,
                                         ProgressListener listener) throws IOException, UnmeasurableAudioException {
        WavFormat inputFormat = WavReader.probe(input).format();
        if (outputFormat != null && (outputFormat.channels() != inputFormat.channels()
                || outputFormat.sampleRate() != inputFormat.sampleRate())) {
            throw new IllegalArgumentException("output format " + outputFormat + " must keep the channels and rate of "
                    + inputFormat);
        }
        WavFormat format = outputFormat == null ? inputFormat : outputFormat;
        LoudnessMeasurement measured = meter.measure(input, slice(listener, 0.0, 0.35));

        double baseGainDb = settings.targetLufs() - measured.integratedLufs();
        double thresholdDb = settings.ceilingDbtp() - LIMITER_MARGIN_DB;
        boolean limit = measured.truePeakDbtp() + baseGainDb > thresholdDb;
        double gainDb = baseGainDb;
        int passes = 1;
        if (limit) {
            Makeup makeup = findMakeupGain(input, settings.targetLufs(), baseGainDb, thresholdDb, listener);
            gainDb = makeup.gainDb();
            passes += makeup.passes();
        }

        // Progress slices of the write attempts: nearly all of it for the first, which is normally
        // the only one; slivers for the rare repeats, so progress never moves backwards.
        double[] writeSlices = {limit ? 0.7 : 0.35, 0.97, 0.99, 1.0};
        PassResult written = null;
        for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
            GainPass pass = new GainPass(dbToLinear(gainDb), limit ? dbToLinear(thresholdDb) : Double.NaN,
                    LOOKAHEAD_SECONDS, RELEASE_SECONDS, outputFormat, dbToLinear(settings.ceilingDbtp() - LIMITER_MARGIN_DB));
            written = pass.write(input, output, slice(listener, writeSlices[attempt - 1], writeSlices[attempt]));
            passes++;
            double excess = written.output().truePeakDbtp() - settings.ceilingDbtp();
            if (excess <= 0.0) {
                break;
            }
            if (!limit) {
                // The input was measured at 4x, which can miss a crest between the points by up to
                // 0.7 dB; the written file is checked between them near the ceiling. Limit after all.
                limit = true;
                continue;
            }
            thresholdDb -= excess + 0.02;
        }
        LimiterOutcome limiter = limit
                ? new LimiterOutcome(true, thresholdDb, written.maxGainReductionDb(),
                        (double) written.limitedFrames() / format.sampleRate(), gainDb - baseGainDb, written.limiterGain())
                : LimiterOutcome.notNeeded();
        return new NormalizationResult(settings, format, measured, written.output(), gainDb, limiter, written.dithered(),
                written.clippedSamples(), passes);
    }

    /**
     * Searches the static gain whose limited output reaches {@code target}: the loudness of the
     * limited output grows monotonically with the gain, so secant steps converge in two or three
     * passes for ordinary material.
     */
    private Makeup findMakeupGain(Path input, double target, double baseGainDb, double thresholdDb,
                                  ProgressListener listener)
            throws IOException, UnmeasurableAudioException {
        double maxGainDb = baseGainDb + MAX_MAKEUP_DB;
        double gain = baseGainDb;
        double previousGain = Double.NaN;
        double previousLoudness = Double.NaN;
        int passes = 0;
        for (int i = 0; i < MAX_MAKEUP_PASSES; i++) {
            double start = 0.35 + 0.35 * i / MAX_MAKEUP_PASSES;
            GainPass pass = new GainPass(dbToLinear(gain), dbToLinear(thresholdDb), LOOKAHEAD_SECONDS, RELEASE_SECONDS,
                    null, Double.POSITIVE_INFINITY);
            double loudness = pass.simulate(input, slice(listener, start, start + 0.35 / MAX_MAKEUP_PASSES))
                    .output().integratedLufs();
            passes++;
            double shortfall = target - loudness;
            if (Math.abs(shortfall) <= MAKEUP_TOLERANCE_LU) {
                break;
            }
            double slope = Double.isNaN(previousGain) || gain == previousGain
                    ? 1.0 : (loudness - previousLoudness) / (gain - previousGain);
            // Limiting makes the slope smaller than 1 but never negative; guard against noise.
            slope = Math.min(1.0, Math.max(0.1, slope));
            double next = Math.min(maxGainDb, Math.max(baseGainDb, gain + shortfall / slope));
            if (next == gain) {
                break;
            }
            previousGain = gain;
            previousLoudness = loudness;
            gain = next;
        }
        return new Makeup(gain, passes);
    }

    /** The static gain the make-up search settled on and the passes it took. */
    private record Makeup(double gainDb, int passes) {
    }

    static double dbToLinear(double db) {
        return Math.pow(10.0, db / 20.0);
    }

    /** A listener that maps a pass's own 0..1 progress into the slice {@code [from, to]} of the whole job's. */
    private static ProgressListener slice(ProgressListener listener, double from, double to) {
        return (fraction, message) -> listener.progress(from + (to - from) * fraction, message);
    }
}
