package io.concierge.workers.audio;

import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.worker.PreviewingWorker;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerInputs;
import io.concierge.api.worker.WorkerParams;
import io.concierge.api.worker.WorkerDescriptor;
import io.concierge.api.worker.WorkerResult;
import io.concierge.workers.audio.decode.SourceFormat;
import io.concierge.workers.audio.encode.AudioEncoder;
import io.concierge.workers.audio.encode.EncodeFormat;
import io.concierge.workers.audio.encode.EncodeSettings;
import io.concierge.workers.audio.loudness.LoudnessMeasurement;
import io.concierge.workers.audio.loudness.UnmeasurableAudioException;
import io.concierge.workers.audio.normalize.LoudnessNormalizer;
import io.concierge.workers.audio.normalize.LoudnessReport;
import io.concierge.workers.audio.normalize.LoudnessSeries;
import io.concierge.workers.audio.normalize.NormalizationResult;
import io.concierge.workers.audio.normalize.NormalizeSettings;
import io.concierge.workers.audio.wav.InvalidWavException;
import io.concierge.workers.audio.wav.SampleEncoding;
import io.concierge.workers.audio.wav.WavFormat;
import io.concierge.workers.audio.wav.WavInfo;
import io.concierge.workers.audio.wav.WavReader;
import io.concierge.workers.process.ProcessRunner;
import io.concierge.workers.process.SearchPath;
import io.concierge.workers.process.StepProcesses;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code audio.normalize}: brings an audio file to a target integrated loudness (EBU R128 /
 * ITU-R BS.1770-4) with its true peak under a ceiling, in pure Java.
 *
 * <p>Input {@code audio_file}: a WAV (16/24/32-bit PCM or 32-bit float, any channel count and
 * rate), or an MP3, FLAC, M4A/AAC, Ogg Vorbis or Opus file, which ffmpeg decodes into the step's
 * scratch folder first. Params {@code target_loudness} (LUFS, default -14), {@code true_peak}
 * (dBTP, default -1) and {@code format} of the normalized audio: {@code wav} (the default), or
 * {@code mp3}, {@code flac} or {@code ogg}, encoded from the normalized WAV as
 * {@link AudioEncodeWorker} does (192 kbit/s for MP3 and Ogg).
 *
 * <p>Outputs {@code audio}, {@code <stem>-normalized.wav} (in the input's WAV format; 24-bit PCM
 * for a decoded input) or {@code .mp3}/{@code .flac}/{@code .ogg}, and {@code report},
 * {@code <stem>-loudness.json} with input and output levels and what the limiter did. The levels
 * and the ceiling are those of the normalized WAV: a lossy encoder adds overshoot of its own, so a
 * lossy delivery wants a lower {@code true_peak} (e.g. -2). See {@link LoudnessNormalizer}.
 *
 * <p>Failures: {@code input.invalid} for a file that is not a supported WAV, cannot be decoded
 * or a param out of range, {@code input.unmeasurable} for silence or audio shorter than 400 ms,
 * {@code tool.missing} when a format needs ffmpeg and there is none. Stateless and thread-safe.
 *
 * <p>Before a plan is approved, {@link #preview} measures a WAV input of up to
 * {@value #PREVIEW_MAX_MINUTES} minutes (about a second of work for ten minutes of audio) and
 * tells the gain the plan's target needs and whether the limiter will act; other formats would
 * need ffmpeg to decode them first, and are measured when the job runs.
 */
public final class LoudnessNormalizeWorker implements PreviewingWorker {

    /** The worker id. */
    public static final String ID = "audio.normalize";
    /**
     * The worker version: 1.1 reads MP3, FLAC, M4A/AAC, Ogg and Opus, writes a requested format and
     * limits the waveform's peak between the 4x points. A new minor version also
     * keeps the step cache from serving outputs of 1.0.
     */
    public static final String VERSION = "1.1.0";
    static final String AUDIO_FILE = "audio_file";
    static final String TARGET_LOUDNESS = "target_loudness";
    static final String TRUE_PEAK = "true_peak";
    static final String FORMAT = "format";
    static final String WAV = "wav";
    static final double DEFAULT_TARGET_LUFS = -14.0;
    static final double DEFAULT_CEILING_DBTP = -1.0;
    /** Longest WAV input measured for a plan's preview; longer ones are measured when the job runs. */
    static final int PREVIEW_MAX_MINUTES = 60;
    /** Share of the progress bar the normalization takes when the result is encoded afterwards. */
    private static final double NORMALIZE_SHARE_BEFORE_ENCODING = 0.8;

    private final LoudnessNormalizer normalizer = new LoudnessNormalizer();
    private final SearchPath searchPath;
    private final ProcessRunner runner = new ProcessRunner();

    /** A worker that looks for ffmpeg (for non-WAV formats) on this process's {@code PATH} (used by ServiceLoader). */
    public LoudnessNormalizeWorker() {
        this(System.getenv("PATH"));
    }

    /** A worker that looks for ffmpeg in the directories of {@code pathVariable}. */
    public LoudnessNormalizeWorker(String pathVariable) {
        this.searchPath = SearchPath.parse(pathVariable);
    }

    @Override
    public WorkerDescriptor descriptor() {
        return new WorkerDescriptor(ID, VERSION,
                "EBU R128 loudness normalization of an audio file (WAV; MP3, FLAC, M4A/AAC, Ogg or Opus through "
                        + "ffmpeg) with a true-peak limiter",
                List.of(AUDIO_FILE), List.of(TARGET_LOUDNESS, TRUE_PEAK, FORMAT), List.of("audio", "report"));
    }

    @Override
    public void validate(WorkerContext ctx) {
        settings(ctx);
        Optional<EncodeFormat> encoding = outputEncoding(ctx);
        if (AudioInput.check(ctx, AUDIO_FILE, searchPath) == SourceFormat.WAV) {
            WavInfo info = AudioFiles.probeWav(ctx, AUDIO_FILE);
            if (info.durationSeconds() < 0.4) {
                throw unmeasurable(ctx.inputFile(AUDIO_FILE), "it is shorter than one 400 ms loudness block ("
                        + String.format(Locale.ROOT, "%.3f s", info.durationSeconds()) + ")");
            }
        }
        encoding.ifPresent(this::encoderTool);
    }

    @Override
    public WorkerResult execute(WorkerContext ctx) throws IOException {
        NormalizeSettings settings = settings(ctx);
        Optional<EncodeFormat> encoding = outputEncoding(ctx);
        Optional<Path> encoderTool = encoding.flatMap(this::encoderTool);
        StepProcesses processes = new StepProcesses(runner, ctx);
        ProgressListener progress = (fraction, message) -> {
            ctx.checkHalted();
            ctx.progress(fraction, message);
        };
        AudioInput source = AudioInput.open(ctx, AUDIO_FILE, searchPath, processes, progress);
        Path input = source.file();
        String stem = AudioFiles.stem(input);
        Path wav = ctx.outputFile(stem + "-normalized.wav");
        Path audio = encoding.map(f -> ctx.outputFile(stem + "-normalized." + f.extension())).orElse(wav);
        Path report = ctx.outputFile(stem + "-loudness.json");
        Path scratch = AudioFiles.scratchFor(ctx, wav);
        NormalizationResult result;
        try {
            result = normalizer.normalize(source.wav(), scratch, source.decoded() ? pcm24(source.info().format()) : null,
                    settings, encoding.isPresent() ? progress.slice(0.0, NORMALIZE_SHARE_BEFORE_ENCODING) : progress);
        } catch (InvalidWavException e) {
            throw AudioFiles.invalidWav(AUDIO_FILE, input, e);
        } catch (UnmeasurableAudioException e) {
            throw unmeasurable(input, e.getMessage());
        } finally {
            if (source.decoded()) {
                // The decoded copy can be as large as 8 bytes per sample; do not keep it until the step ends.
                Files.deleteIfExists(source.wav());
            }
        }
        if (!result.ceilingMet()) {
            Files.deleteIfExists(scratch);
            throw WorkerFailure.nonRetryable("audio.ceiling_exceeded", String.format(Locale.ROOT,
                    "could not keep the true peak of %s under %.1f dBTP (measured %.2f dBTP); lower target_loudness",
                    input.getFileName(), settings.ceilingDbtp(), result.output().truePeakDbtp()));
        }
        if (encoding.isPresent()) {
            Path encoded = AudioFiles.scratchFor(ctx, audio);
            try {
                new AudioEncoder(encoderTool).encode(scratch, encoded,
                        new EncodeSettings(encoding.get(), false, EncodeSettings.DEFAULT_BITRATE_KBPS,
                                EncodeSettings.DEFAULT_QUALITY),
                        result.output().durationSeconds(), processes,
                        progress.slice(NORMALIZE_SHARE_BEFORE_ENCODING, 1.0));
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(encoded);
                throw e;
            } finally {
                Files.deleteIfExists(scratch);
            }
            AudioFiles.publish(encoded, audio);
        } else {
            AudioFiles.publish(scratch, audio);
        }
        LoudnessReport.of(ID + " " + VERSION, input, audio, result).writeTo(report);
        ctx.progress(1.0, "normalized");
        return WorkerResult.builder()
                .output("audio", audio)
                .output("report", report)
                .metric("input_format", source.format().label())
                .metric("output_format", encoding.map(EncodeFormat::extension).orElse(WAV))
                .metric("input_lufs", round(result.input().integratedLufs()))
                .metric("output_lufs", round(result.output().integratedLufs()))
                .metric("gain_db", round(result.gainDb()))
                .metric("true_peak_dbtp", round(result.output().truePeakDbtp()))
                .metric("limiter_applied", result.limiter().applied())
                .metric("target_met", result.targetMet())
                .build();
    }

    /**
     * The input's loudness over time and the gain the target needs, for a plan not yet approved:
     * {@code kind} {@code loudness}, the report's {@code input}, {@code target_lufs},
     * {@code ceiling_dbtp} and {@code series} (input only), {@code predicted_gain_db} and
     * {@code limiter_expected}; or {@code unavailable} with the reason.
     */
    @Override
    public Optional<Map<String, Object>> preview(WorkerInputs inputs, WorkerParams params, FileSystem fileSystem)
            throws IOException {
        Map<String, Object> preview = new LinkedHashMap<>();
        preview.put("kind", "loudness");
        Optional<String> value = inputs.find(AUDIO_FILE);
        if (value.isEmpty() || value.get().isBlank()) {
            return Optional.empty();
        }
        Path file = fileSystem.getPath(value.get());
        preview.put("input_file", String.valueOf(file.getFileName()));
        NormalizeSettings settings;
        try {
            settings = settings(params);
        } catch (RuntimeException e) {
            return Optional.of(unavailable(preview, e.getMessage()));
        }
        preview.put("target_lufs", settings.targetLufs());
        preview.put("ceiling_dbtp", settings.ceilingDbtp());
        if (!Files.isRegularFile(file)) {
            return Optional.of(unavailable(preview, "the input " + file.getFileName() + " does not exist"));
        }
        if (SourceFormat.of(file).orElse(SourceFormat.WAV) != SourceFormat.WAV) {
            return Optional.of(unavailable(preview, "a " + SourceFormat.of(file).get().label()
                    + " input is decoded by ffmpeg when the job runs, and measured then"));
        }
        LoudnessMeasurement measured;
        try {
            WavInfo info = WavReader.probe(file);
            if (info.durationSeconds() > PREVIEW_MAX_MINUTES * 60.0) {
                return Optional.of(unavailable(preview, "the input is longer than " + PREVIEW_MAX_MINUTES
                        + " minutes, too long to measure while a plan is shown; it is measured when the job runs"));
            }
            measured = new LoudnessMeter().measure(file);
        } catch (InvalidWavException | UnmeasurableAudioException e) {
            return Optional.of(unavailable(preview, e.getMessage()));
        }
        double gain = settings.targetLufs() - measured.integratedLufs();
        preview.put("input", LoudnessReport.plain(LoudnessReport.Levels.of(measured)));
        preview.put("predicted_gain_db", round(gain));
        preview.put("limiter_expected", measured.truePeakDbtp() + gain > settings.ceilingDbtp() - LoudnessNormalizer.LIMITER_MARGIN_DB);
        preview.put("series", LoudnessReport.plain(LoudnessSeries.ofInput(measured.timeline(), LoudnessSeries.MAX_POINTS)));
        return Optional.of(preview);
    }

    private static Map<String, Object> unavailable(Map<String, Object> preview, String reason) {
        preview.put("unavailable", reason);
        return preview;
    }

    /** The {@code format} param: empty for WAV, otherwise the encoding asked for. */
    private static Optional<EncodeFormat> outputEncoding(WorkerContext ctx) {
        String name = ctx.params().get(FORMAT, WAV).strip();
        if (name.equalsIgnoreCase(WAV)) {
            return Optional.empty();
        }
        return Optional.of(EncodeFormat.parse(name).orElseThrow(() -> WorkerFailure.nonRetryable("input.invalid",
                "param format '" + name + "' is not supported; choose wav or one of " + EncodeFormat.supported())));
    }

    /** ffmpeg for the formats that need it (not MP3, which jump3r encodes in-process). */
    private Optional<Path> encoderTool(EncodeFormat format) {
        if (format == EncodeFormat.MP3) {
            return Optional.empty();
        }
        return Optional.of(searchPath.find("ffmpeg").orElseThrow(() -> WorkerFailure.nonRetryable("tool.missing",
                "ffmpeg is needed to write the normalized audio as " + format.extension() + " but was not found on "
                        + "the PATH; install it (Debian/Ubuntu: apt-get install ffmpeg, macOS: brew install ffmpeg) "
                        + "or use format wav or mp3")));
    }

    /**
     * 24-bit PCM with the channels, rate and layout of a decoded input: the decoder's float WAV is
     * an intermediate, and 24 bits keep 144 dB of range at a quarter less size and with every player.
     */
    private static WavFormat pcm24(WavFormat decoded) {
        return new WavFormat(SampleEncoding.PCM_INTEGER, decoded.channels(), decoded.sampleRate(), 24,
                decoded.extensible(), decoded.channelMask());
    }

    private static NormalizeSettings settings(WorkerContext ctx) {
        return settings(ctx.params());
    }

    private static NormalizeSettings settings(WorkerParams params) {
        double target = AudioFiles.number(params, TARGET_LOUDNESS, DEFAULT_TARGET_LUFS,
                NormalizeSettings.MIN_TARGET_LUFS, NormalizeSettings.MAX_TARGET_LUFS, Set.of("lufs", "lkfs"));
        double ceiling = AudioFiles.number(params, TRUE_PEAK, DEFAULT_CEILING_DBTP,
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
