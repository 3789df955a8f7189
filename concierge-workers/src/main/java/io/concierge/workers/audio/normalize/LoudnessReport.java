package io.concierge.workers.audio.normalize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.concierge.workers.audio.loudness.LoudnessMeasurement;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The JSON report of a normalization, written next to the normalized audio. Field names are
 * snake case; levels are rounded to 0.01 dB, which is finer than any meter agrees with another.
 *
 * @param worker          worker id and version that produced it
 * @param inputFile       name of the input file
 * @param outputFile      name of the normalized file
 * @param sampleRate      frames per second
 * @param channels        channel count
 * @param bitsPerSample   bits per sample of input and output
 * @param sampleFormat    {@code pcm} or {@code float}
 * @param durationSeconds length of the audio
 * @param targetLufs      target integrated loudness
 * @param ceilingDbtp     true-peak ceiling
 * @param gainDb          static gain applied (including limiter make-up)
 * @param targetMet       whether the output is within {@value NormalizationResult#TARGET_TOLERANCE_LU} LU of
 *                        the target (it can fall short when reaching it would take more than the
 *                        allowed limiter make-up gain)
 * @param input           levels measured on the input
 * @param output          levels measured on the written output
 * @param limiter         what the limiter did
 * @param dither          {@code tpdf} or {@code none}
 * @param clippedSamples  samples saturated at full scale while writing
 * @param method          the standards followed
 * @param series          momentary and short-term loudness, true peak and limiter activity over
 *                        time of input and output (see {@link LoudnessSeries})
 */
public record LoudnessReport(String worker, String inputFile, String outputFile, int sampleRate, int channels,
                             int bitsPerSample, String sampleFormat, double durationSeconds, double targetLufs,
                             double ceilingDbtp, double gainDb, boolean targetMet, Levels input, Levels output, Limiter limiter,
                             String dither, long clippedSamples, String method, LoudnessSeries series) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    /** Indented, but each array on one line: a series of 2,000 numbers stays 1 line, not 2,000. */
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
            .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance);

    /**
     * Levels of one file.
     *
     * @param integratedLufs  integrated loudness
     * @param loudnessRangeLu loudness range
     * @param truePeakDbtp    true peak
     * @param samplePeakDbfs  sample peak
     */
    public record Levels(double integratedLufs, double loudnessRangeLu, double truePeakDbtp, double samplePeakDbfs) {
        /** The levels of {@code m}, rounded to 0.01. */
        public static Levels of(LoudnessMeasurement m) {
            return new Levels(round(m.integratedLufs()), round(m.loudnessRangeLu()), round(m.truePeakDbtp()),
                    round(m.samplePeakDbfs()));
        }
    }

    /**
     * The limiter's part.
     *
     * @param applied            whether it ran
     * @param thresholdDbtp      the threshold it limited to (null when not applied)
     * @param maxGainReductionDb largest gain reduction
     * @param limitedSeconds     time with gain below unity
     * @param makeupGainDb       gain added to win back the loudness limiting took
     * @param lookaheadMs        look-ahead (attack ramp) length
     * @param releaseMs          release time constant
     * @param note               one sentence on what happened
     */
    public record Limiter(boolean applied, Double thresholdDbtp, double maxGainReductionDb, double limitedSeconds,
                          double makeupGainDb, double lookaheadMs, double releaseMs, String note) {
    }

    /** Builds the report of {@code result}. */
    public static LoudnessReport of(String worker, Path input, Path output, NormalizationResult result) {
        LimiterOutcome l = result.limiter();
        String note;
        if (!l.applied()) {
            note = "not needed: the gain keeps the true peak under the ceiling";
        } else {
            note = String.format(java.util.Locale.ROOT,
                    "true peak would have exceeded the ceiling; limited by up to %.2f dB for %.2f s"
                            + (l.makeupGainDb() > 0 ? ", with %.2f dB make-up gain to reach the target" : ""),
                    l.maxGainReductionDb(), l.limitedSeconds(), l.makeupGainDb());
        }
        Limiter limiter = new Limiter(l.applied(), l.applied() ? round(l.thresholdDbtp()) : null,
                round(l.maxGainReductionDb()), round(l.limitedSeconds()), round(l.makeupGainDb()),
                LoudnessNormalizer.LOOKAHEAD_SECONDS * 1000, LoudnessNormalizer.RELEASE_SECONDS * 1000, note);
        return new LoudnessReport(worker, input.getFileName().toString(), output.getFileName().toString(),
                result.format().sampleRate(), result.format().channels(), result.format().bitsPerSample(),
                result.format().isFloat() ? "float" : "pcm", round(result.input().durationSeconds()),
                result.settings().targetLufs(), result.settings().ceilingDbtp(), round(result.gainDb()),
                result.targetMet(), Levels.of(result.input()), Levels.of(result.output()), limiter,
                result.dithered() ? "tpdf" : "none", result.clippedSamples(),
                "ITU-R BS.1770-4 / EBU R128 integrated loudness, EBU Tech 3342 loudness range, "
                        + "BS.1770-4 Annex 2 true peak (4x oversampling, 97-tap windowed-sinc interpolator), "
                        + "EBU Tech 3341 momentary (400 ms) and short-term (3 s) loudness",
                LoudnessSeries.of(result.input().timeline(), result.output().timeline(), l.stepGains(),
                        LoudnessSeries.MAX_POINTS));
    }

    /**
     * A part of a report ({@link Levels}, {@link LoudnessSeries}) as plain maps, lists and numbers
     * with the report's field names, for a worker's preview.
     */
    public static Object plain(Object part) {
        return JSON.convertValue(part, Object.class);
    }

    /** Writes the report as indented JSON. */
    public void writeTo(Path file) throws IOException {
        JSON.writer(PRINTER).writeValue(file.toFile(), this);
    }

    /** Rounds to 0.01; the values are finite by construction (unmeasurable audio never gets here). */
    static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
