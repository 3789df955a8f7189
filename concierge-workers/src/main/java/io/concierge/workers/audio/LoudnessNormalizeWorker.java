package io.concierge.workers.audio;

import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.worker.Worker;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerDescriptor;
import io.concierge.api.worker.WorkerResult;
import io.concierge.workers.audio.loudness.UnmeasurableAudioException;
import io.concierge.workers.audio.normalize.LoudnessNormalizer;
import io.concierge.workers.audio.normalize.LoudnessReport;
import io.concierge.workers.audio.normalize.NormalizationResult;
import io.concierge.workers.audio.normalize.NormalizeSettings;
import io.concierge.workers.audio.wav.InvalidWavException;
import io.concierge.workers.audio.wav.WavInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code audio.normalize}: brings a WAV file to a target integrated loudness (EBU R128 /
 * ITU-R BS.1770-4) with its true peak under a ceiling, in pure Java.
 *
 * <p>Input {@code audio_file} (16/24/32-bit PCM or 32-bit float WAV, any channel count and
 * rate); params {@code target_loudness} (LUFS, default -14) and {@code true_peak} (dBTP, default
 * -1). Outputs {@code audio}, {@code <stem>-normalized.wav} in the input's format, and
 * {@code report}, {@code <stem>-loudness.json} with input and output levels and what the limiter
 * did. See {@link LoudnessNormalizer} for the method.
 *
 * <p>Failures: {@code input.invalid} for a file that is not a supported WAV or a param out of
 * range, {@code input.unmeasurable} for silence or audio shorter than 400 ms. Stateless and
 * thread-safe.
 */
public final class LoudnessNormalizeWorker implements Worker {

    /** The worker id. */
    public static final String ID = "audio.normalize";
    /** The worker version. */
    public static final String VERSION = "1.0.0";
    static final String AUDIO_FILE = "audio_file";
    static final String TARGET_LOUDNESS = "target_loudness";
    static final String TRUE_PEAK = "true_peak";
    static final double DEFAULT_TARGET_LUFS = -14.0;
    static final double DEFAULT_CEILING_DBTP = -1.0;

    private final LoudnessNormalizer normalizer = new LoudnessNormalizer();

    @Override
    public WorkerDescriptor descriptor() {
        return new WorkerDescriptor(ID, VERSION,
                "EBU R128 loudness normalization of a WAV file with a true-peak limiter",
                List.of(AUDIO_FILE), List.of(TARGET_LOUDNESS, TRUE_PEAK), List.of("audio", "report"));
    }

    @Override
    public void validate(WorkerContext ctx) {
        settings(ctx);
        WavInfo info = AudioFiles.probeWav(ctx, AUDIO_FILE);
        if (info.durationSeconds() < 0.4) {
            throw unmeasurable(ctx.inputFile(AUDIO_FILE), "it is shorter than one 400 ms loudness block ("
                    + String.format(Locale.ROOT, "%.3f s", info.durationSeconds()) + ")");
        }
    }

    @Override
    public WorkerResult execute(WorkerContext ctx) throws IOException {
        NormalizeSettings settings = settings(ctx);
        Path input = ctx.inputFile(AUDIO_FILE);
        String stem = AudioFiles.stem(input);
        Path audio = ctx.outputFile(stem + "-normalized.wav");
        Path report = ctx.outputFile(stem + "-loudness.json");
        Path scratch = AudioFiles.scratchFor(ctx, audio);
        NormalizationResult result;
        try {
            result = normalizer.normalize(input, scratch, settings, (fraction, message) -> {
                ctx.checkHalted();
                ctx.progress(fraction, message);
            });
        } catch (InvalidWavException e) {
            throw AudioFiles.invalidWav(AUDIO_FILE, input, e);
        } catch (UnmeasurableAudioException e) {
            throw unmeasurable(input, e.getMessage());
        }
        if (!result.ceilingMet()) {
            Files.deleteIfExists(scratch);
            throw WorkerFailure.nonRetryable("audio.ceiling_exceeded", String.format(Locale.ROOT,
                    "could not keep the true peak of %s under %.1f dBTP (measured %.2f dBTP); lower target_loudness",
                    input.getFileName(), settings.ceilingDbtp(), result.output().truePeakDbtp()));
        }
        AudioFiles.publish(scratch, audio);
        LoudnessReport.of(ID + " " + VERSION, input, audio, result).writeTo(report);
        ctx.progress(1.0, "normalized");
        return WorkerResult.builder()
                .output("audio", audio)
                .output("report", report)
                .metric("input_lufs", round(result.input().integratedLufs()))
                .metric("output_lufs", round(result.output().integratedLufs()))
                .metric("gain_db", round(result.gainDb()))
                .metric("true_peak_dbtp", round(result.output().truePeakDbtp()))
                .metric("limiter_applied", result.limiter().applied())
                .metric("target_met", result.targetMet())
                .build();
    }

    private static NormalizeSettings settings(WorkerContext ctx) {
        double target = AudioFiles.number(ctx.params(), TARGET_LOUDNESS, DEFAULT_TARGET_LUFS,
                NormalizeSettings.MIN_TARGET_LUFS, NormalizeSettings.MAX_TARGET_LUFS, Set.of("lufs", "lkfs"));
        double ceiling = AudioFiles.number(ctx.params(), TRUE_PEAK, DEFAULT_CEILING_DBTP,
                NormalizeSettings.MIN_CEILING_DBTP, NormalizeSettings.MAX_CEILING_DBTP, Set.of("dbtp", "db", "dbfs"));
        return new NormalizeSettings(target, ceiling);
    }

    private static WorkerFailure unmeasurable(Path input, String reason) {
        return WorkerFailure.nonRetryable("input.unmeasurable", "input " + AUDIO_FILE + ": " + input.getFileName()
                + " has no measurable loudness because " + reason + "; nothing to normalize");
    }

    private static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
