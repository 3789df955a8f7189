package io.concierge.workers.audio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.worker.Worker;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerDescriptor;
import io.concierge.api.worker.WorkerParams;
import io.concierge.api.worker.WorkerResult;
import io.concierge.workers.audio.decode.FfmpegDecoder;
import io.concierge.workers.audio.decode.SourceFormat;
import io.concierge.workers.audio.encode.AudioEncoder;
import io.concierge.workers.audio.encode.EncodeFormat;
import io.concierge.workers.audio.encode.EncodeSettings;
import io.concierge.workers.audio.spectrum.AverageSpectrum;
import io.concierge.workers.audio.wav.InvalidWavException;
import io.concierge.workers.audio.wav.WavInfo;
import io.concierge.workers.process.ProcessRunner;
import io.concierge.workers.process.SearchPath;
import io.concierge.workers.process.StepProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code audio.encode}: compresses an audio file to MP3, FLAC or Ogg Vorbis.
 *
 * <p>Input {@code audio_file}: a 16/24/32-bit PCM or 32-bit float WAV, or an MP3, FLAC, M4A/AAC,
 * Ogg Vorbis or Opus file, which ffmpeg decodes into the step's scratch folder first (see
 * {@link io.concierge.workers.audio.decode.SourceFormat}). Params: {@code format}
 * ({@code mp3} default, {@code flac}, {@code ogg}); {@code mode} ({@code cbr} default or
 * {@code vbr}); {@code bitrate} in kbit/s (default 192; CBR MP3 and nominal Ogg rate);
 * {@code quality} 0 (best) to 9 (default 2; the VBR level, or the MP3 encoder's effort in CBR).
 * Output {@code audio}: {@code <stem>.mp3}, {@code .flac} or {@code .ogg} ({@code <stem>-encoded.mp3}
 * when the input is that very file), and {@code spectrum}: {@code <stem>-spectrum.json}, the
 * average spectrum of input and output in 120 log-spaced bands and the bandwidth the encoder kept
 * (see {@link AverageSpectrum}).
 *
 * <p>MP3 is encoded in-process by jump3r (pure Java, no install needed; mono or stereo). FLAC and
 * Ogg run the {@code ffmpeg} found on the {@code PATH}; without it the step fails with
 * {@code tool.missing}. Stateless and thread-safe.
 */
public final class AudioEncodeWorker implements Worker {

    /** The worker id. */
    public static final String ID = "audio.encode";
    /**
     * The worker version: 1.1 reads MP3, FLAC, M4A/AAC, Ogg and Opus; 1.2 adds the
     * {@code spectrum} output. A new minor version also keeps the step cache from serving outputs
     * of an earlier one.
     */
    public static final String VERSION = "1.2.0";
    /** A band counts as kept while the output is at most this far below the input. */
    static final double BANDWIDTH_DROP_DB = 12.0;
    /** Bands of the input quieter than this hold nothing to keep. */
    static final double BANDWIDTH_FLOOR_DB = -100.0;
    static final String AUDIO_FILE = "audio_file";
    static final String FORMAT = "format";
    static final String BITRATE = "bitrate";
    static final String MODE = "mode";
    static final String QUALITY = "quality";
    private static final Set<String> BITRATE_UNITS = Set.of("kbps", "kbit/s", "k");

    private final SearchPath searchPath;
    private final ProcessRunner runner = new ProcessRunner();

    /** A worker that looks for ffmpeg on this process's {@code PATH} (used by ServiceLoader). */
    public AudioEncodeWorker() {
        this(System.getenv("PATH"));
    }

    /** A worker that looks for ffmpeg in the directories of {@code pathVariable}. */
    public AudioEncodeWorker(String pathVariable) {
        this.searchPath = SearchPath.parse(pathVariable);
    }

    @Override
    public WorkerDescriptor descriptor() {
        return new WorkerDescriptor(ID, VERSION, "Encode an audio file (WAV; MP3, FLAC, M4A/AAC, Ogg or Opus through "
                + "ffmpeg) to MP3 (pure Java), FLAC or Ogg Vorbis (ffmpeg)",
                List.of(AUDIO_FILE), List.of(FORMAT, BITRATE, MODE, QUALITY), List.of("audio", "spectrum"));
    }

    @Override
    public void validate(WorkerContext ctx) {
        EncodeSettings settings = settings(ctx.params());
        if (AudioInput.check(ctx, AUDIO_FILE, searchPath) == SourceFormat.WAV) {
            // A decoded input's channels are known only once it is decoded; execute checks them.
            checkChannels(ctx, settings, AudioFiles.probeWav(ctx, AUDIO_FILE));
        }
        if (settings.format() != EncodeFormat.MP3) {
            ffmpeg(settings.format());
        }
    }

    @Override
    public WorkerResult execute(WorkerContext ctx) throws IOException {
        EncodeSettings settings = settings(ctx.params());
        Optional<Path> ffmpeg = settings.format() == EncodeFormat.MP3 ? Optional.empty()
                : Optional.of(ffmpeg(settings.format()));
        StepProcesses processes = new StepProcesses(runner, ctx);
        ProgressListener progress = (fraction, message) -> {
            ctx.checkHalted();
            ctx.progress(fraction, message);
        };
        AudioInput source = AudioInput.open(ctx, AUDIO_FILE, searchPath, processes, progress);
        Path input = source.file();
        WavInfo info = source.info();
        checkChannels(ctx, settings, info);
        Path output = outputFor(ctx, input, settings.format());
        Path scratch = AudioFiles.scratchFor(ctx, output);
        AudioEncoder encoder = new AudioEncoder(ffmpeg);
        AudioEncoder.Outcome outcome;
        try {
            outcome = encoder.encode(source.wav(), scratch, settings, info.durationSeconds(), processes, progress);
        } catch (InvalidWavException e) {
            throw AudioFiles.invalidWav(AUDIO_FILE, input, e);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(scratch);
            throw e;
        }
        AudioFiles.publish(scratch, output);
        ctx.progress(1.0, "comparing spectra");
        Path spectrum = ctx.outputFile(AudioFiles.stem(input) + "-spectrum.json");
        writeSpectrum(ctx, source.wav(), input, output, settings, processes, spectrum);
        ctx.progress(1.0, "encoded");
        double seconds = info.durationSeconds();
        return WorkerResult.builder()
                .output("audio", output)
                .output("spectrum", spectrum)
                .metric("input_format", source.format().label())
                .metric("format", settings.format().extension())
                .metric("codec", settings.format().codec())
                .metric("mode", settings.format() == EncodeFormat.FLAC ? "lossless" : settings.vbr() ? "vbr" : "cbr")
                .metric("bitrate_kbps", Math.round(outcome.bytes() * 8.0 / seconds / 1000.0))
                .metric("duration_seconds", Math.round(seconds * 1000.0) / 1000.0)
                .metric("output_bytes", outcome.bytes())
                .build();
    }

    /**
     * The average spectrum of the input and of the encoded output (decoded by ffmpeg when it is
     * on the PATH), and the bandwidth the encoder kept: a low bitrate's low-pass shows at a glance.
     * Without ffmpeg the output's side is {@code null} and {@code unavailable} says why; the
     * encode itself never fails for its preview.
     */
    private void writeSpectrum(WorkerContext ctx, Path inputWav, Path input, Path output, EncodeSettings settings,
                               StepProcesses processes, Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", "audio-spectrum");
        json.put("input_file", input.getFileName().toString());
        json.put("output_file", output.getFileName().toString());
        json.put("format", settings.format().extension());
        json.put("bitrate_kbps", settings.format() == EncodeFormat.FLAC ? null : settings.bitrateKbps());
        AverageSpectrum in = AverageSpectrum.of(inputWav);
        json.put("fft_size", AverageSpectrum.FFT_SIZE);
        json.put("frames_averaged", in.frames());
        json.put("frequencies_hz", rounded(in.frequenciesHz(), 1));
        json.put("input_db", rounded(in.levelsDb(), 1));
        Optional<Path> ffmpeg = searchPath.find("ffmpeg");
        if (ffmpeg.isEmpty()) {
            json.put("output_db", null);
            json.put("unavailable", "decoding the output to compare it needs ffmpeg, which is not on the PATH");
        } else {
            Path decoded = ctx.scratchDir().resolve("spectrum-output.wav");
            try {
                new FfmpegDecoder(ffmpeg.get()).decode(output, decoded, processes, ProgressListener.NONE);
                AverageSpectrum out = AverageSpectrum.of(decoded);
                json.put("output_db", rounded(out.levelsDb(), 1));
                json.put("bandwidth_hz", Math.round(AverageSpectrum.bandwidthHz(in, out, BANDWIDTH_DROP_DB, BANDWIDTH_FLOOR_DB)));
                json.put("bandwidth_rule", "the highest band where the output stays within " + BANDWIDTH_DROP_DB
                        + " dB of an input above " + BANDWIDTH_FLOOR_DB + " dB");
            } catch (FfmpegDecoder.UndecodableAudioException | InvalidWavException e) {
                json.put("output_db", null);
                json.put("unavailable", "the output could not be decoded to compare it: " + e.getMessage());
            } finally {
                Files.deleteIfExists(decoded);
            }
        }
        SPECTRUM_JSON.writeValue(file.toFile(), json);
    }

    private static final ObjectMapper SPECTRUM_JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Levels to {@code decimals}, digital silence (negative infinity) as null. */
    private static List<Double> rounded(double[] values, int decimals) {
        double scale = Math.pow(10, decimals);
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(Double.isFinite(v) ? Math.round(v * scale) / scale : null);
        }
        return out;
    }

    private static EncodeSettings settings(WorkerParams params) {
        String name = params.get(FORMAT, EncodeFormat.MP3.extension());
        EncodeFormat format = EncodeFormat.parse(name).orElseThrow(() -> WorkerFailure.nonRetryable("input.invalid",
                "param format '" + name + "' is not supported; choose one of " + EncodeFormat.supported()));
        String mode = params.get(MODE, "cbr").toLowerCase(Locale.ROOT);
        if (!mode.equals("cbr") && !mode.equals("vbr")) {
            throw WorkerFailure.nonRetryable("input.invalid", "param mode must be cbr or vbr, got '" + mode + "'");
        }
        // Vorbis has no encoder setups below about 45 kbit/s; MP3 layer III tops out at 320.
        double min = format == EncodeFormat.OGG ? 48 : 32;
        double max = format == EncodeFormat.OGG ? 500 : 320;
        double bitrate = AudioFiles.number(params, BITRATE, EncodeSettings.DEFAULT_BITRATE_KBPS, min, max, BITRATE_UNITS);
        long quality = params.integer(QUALITY, EncodeSettings.DEFAULT_QUALITY);
        if (quality < 0 || quality > 9) {
            throw WorkerFailure.nonRetryable("input.invalid", "param quality must be 0 (best) to 9, got " + quality);
        }
        return new EncodeSettings(format, mode.equals("vbr"), (int) Math.round(bitrate), (int) quality);
    }

    /**
     * {@code <stem>.<extension>} in the artifacts folder, unless that is the input itself (an MP3
     * re-encoded from an earlier job's artifacts): then {@code <stem>-encoded.<extension>}.
     */
    static Path outputFor(WorkerContext ctx, Path input, EncodeFormat format) throws IOException {
        Path output = ctx.outputFile(AudioFiles.stem(input) + "." + format.extension());
        if (Files.exists(output) && Files.isSameFile(output, input)) {
            output = ctx.outputFile(AudioFiles.stem(input) + "-encoded." + format.extension());
        }
        return output;
    }

    private static void checkChannels(WorkerContext ctx, EncodeSettings settings, WavInfo info) {
        if (settings.format() == EncodeFormat.MP3 && info.format().channels() > 2) {
            throw WorkerFailure.nonRetryable("input.invalid", "input " + AUDIO_FILE + ": "
                    + ctx.inputFile(AUDIO_FILE).getFileName() + " has " + info.format().channels()
                    + " channels but MP3 holds mono or stereo; use format flac or ogg");
        }
    }

    private Path ffmpeg(EncodeFormat format) {
        return searchPath.find("ffmpeg").orElseThrow(() -> WorkerFailure.nonRetryable("tool.missing",
                "ffmpeg is needed to encode " + format.extension() + " but was not found on the PATH; install it "
                        + "(Debian/Ubuntu: apt-get install ffmpeg, macOS: brew install ffmpeg) or use format mp3, "
                        + "which needs no external tool"));
    }
}
