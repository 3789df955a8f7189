package io.concierge.workers.video;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.worker.Worker;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerDescriptor;
import io.concierge.api.worker.WorkerResult;
import io.concierge.workers.process.ProcessOutcome;
import io.concierge.workers.process.ProcessRunner;
import io.concierge.workers.process.SearchPath;
import io.concierge.workers.process.StepProcesses;
import io.concierge.workers.video.MediaProbe.UnreadableMediaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.OptionalDouble;

/**
 * {@code video.transcode}: re-encodes a video to H.264/AAC in MP4 or VP9/Opus in WebM at a
 * target video bitrate, optionally resized, with the {@code ffmpeg} found on {@code PATH}.
 *
 * <p>Input {@code video_file}; params {@code format} ({@code mp4} or {@code webm}, default
 * mp4), {@code bitrate} (kbps, default 5000; {@code "5 Mbps"} is accepted too) and
 * {@code resolution} ({@code 1280x720} or {@code 720p}, default: keep). Output {@code video},
 * named after the input with the new extension, and {@code preview}, {@code <stem>-preview.json}:
 * thumbnails of input and output and their video bitrate over time (see {@link TranscodePreview}).
 *
 * <p>Failures: {@code tool.missing} when ffmpeg or ffprobe is not installed,
 * {@code input.invalid} for a file that is not a video or a bad param, {@code tool.failed} with
 * the end of ffmpeg's error output when it fails.
 */
public final class VideoTranscodeWorker implements Worker {

    /** How many of ffmpeg's last error lines a failure message quotes. */
    private static final int STDERR_LINES_IN_FAILURE = 5;
    /** Share of the progress bar for the analysis pass, which runs faster than the encoding. */
    private static final double FIRST_PASS_SHARE = 0.3;
    /** Where the encoding ends on the progress bar; the preview's thumbnails take the rest. */
    private static final double ENCODING_END = 0.97;

    /**
     * 1.1 adds the {@code preview} output: thumbnails of input and output and their bitrate over
     * time. A new minor version also keeps the step cache from serving 1.0's outputs, which lack it.
     */
    private static final WorkerDescriptor DESCRIPTOR = new WorkerDescriptor("video.transcode", "1.1.0",
            "Transcode a video to H.264/AAC MP4 or VP9/Opus WebM at a target bitrate (ffmpeg)",
            List.of("video_file"), List.of("format", "bitrate", "resolution"), List.of("video", "preview"));

    private final SearchPath searchPath;
    private final ProcessRunner runner = new ProcessRunner();
    private final ObjectMapper json = new ObjectMapper();

    /** The worker ServiceLoader creates: finds ffmpeg on this process's {@code PATH}. */
    public VideoTranscodeWorker() {
        this(System.getenv("PATH"));
    }

    /**
     * A worker that looks for ffmpeg and ffprobe in the folders of {@code pathValue}.
     *
     * @param pathValue a {@code PATH}-style list of folders
     */
    public VideoTranscodeWorker(String pathValue) {
        this.searchPath = SearchPath.parse(pathValue);
    }

    @Override
    public WorkerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(WorkerContext ctx) {
        FfmpegTools tools = FfmpegTools.locate(searchPath);
        TranscodeSettings.from(ctx.params());
        probeSource(ctx, tools, videoInput(ctx));
    }

    @Override
    public WorkerResult execute(WorkerContext ctx) throws IOException {
        ctx.checkHalted();
        FfmpegTools tools = FfmpegTools.locate(searchPath);
        TranscodeSettings settings = TranscodeSettings.from(ctx.params());
        Path input = videoInput(ctx);
        ctx.progress(0, "reading " + input.getFileName());
        MediaInfo source = probeSource(ctx, tools, input);
        Path output = outputFile(ctx, input, settings.format());

        Path encoded = ctx.scratchDir().resolve("transcoded." + settings.format().extension());
        TranscodeCommand command = new TranscodeCommand(tools.ffmpeg(), input, settings,
                ctx.scratchDir().resolve("ffmpeg2pass"));
        StepProcesses processes = new StepProcesses(runner, ctx);
        runPass(ctx, processes, command.firstPass(), source, 1, input);
        runPass(ctx, processes, command.secondPass(encoded), source, 2, input);
        ctx.checkHalted();
        // Encoded in scratch and moved at the end, so a failed or halted run leaves no
        // half-written video among the job's artifacts.
        Files.move(encoded, output, StandardCopyOption.REPLACE_EXISTING);
        WorkerResult.Builder result = describeOutput(ctx, tools, output, settings);
        ctx.progress(ENCODING_END, "drawing thumbnails");
        Path preview = ctx.outputFile(stem(input) + "-preview.json");
        new TranscodePreview(tools, processes, new MediaProbe(tools.ffprobe(), processes, json), ctx.scratchDir())
                .write(input, output, source.durationSeconds(), settings.bitrateKbps(), preview);
        ctx.progress(1, "transcoded to " + output.getFileName());
        return result.output("preview", preview).build();
    }

    private void runPass(WorkerContext ctx, StepProcesses processes, List<String> command, MediaInfo source,
                         int pass, Path input) {
        double start = pass == 1 ? 0 : FIRST_PASS_SHARE;
        double share = pass == 1 ? FIRST_PASS_SHARE : ENCODING_END - FIRST_PASS_SHARE;
        String message = pass == 1 ? "analysing (pass 1 of 2)" : "encoding (pass 2 of 2)";
        ProcessOutcome outcome = processes.run(command, line -> {
            OptionalDouble seconds = FfmpegProgress.encodedSeconds(line);
            if (seconds.isPresent() && source.durationSeconds() > 0) {
                double done = Math.min(1, seconds.getAsDouble() / source.durationSeconds());
                ctx.progress(Math.min(1, start + share * done), message);
            }
        });
        if (!outcome.succeeded()) {
            List<String> reason = outcome.lastMeaningfulLines(STDERR_LINES_IN_FAILURE);
            throw WorkerFailure.nonRetryable("tool.failed", "ffmpeg failed (exit " + outcome.exitCode() + ") in pass "
                    + pass + " of 2 transcoding " + input.getFileName() + ": "
                    + (reason.isEmpty() ? "it wrote no error message" : String.join(" | ", reason)));
        }
    }

    /** The input as an existing file, failing with {@code input.invalid} when it is not one. */
    private static Path videoInput(WorkerContext ctx) {
        String value = ctx.inputs().require("video_file");
        Path file;
        try {
            file = Path.of(value);
        } catch (InvalidPathException e) {
            throw new WorkerFailure("input.invalid", "input video_file: '" + ParamText.quote(value)
                    + "' is not a valid path", false, e);
        }
        if (!Files.exists(file)) {
            throw WorkerFailure.nonRetryable("input.invalid", "input video_file: " + file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw WorkerFailure.nonRetryable("input.invalid", "input video_file: " + file + " is not a regular file");
        }
        return ctx.inputFile("video_file").toAbsolutePath().normalize();
    }

    /** ffprobe's view of the source, which must hold a video stream. */
    private MediaInfo probeSource(WorkerContext ctx, FfmpegTools tools, Path input) {
        MediaInfo info;
        try {
            info = new MediaProbe(tools.ffprobe(), new StepProcesses(runner, ctx), json).probe(input);
        } catch (UnreadableMediaException e) {
            throw WorkerFailure.nonRetryable("input.invalid", "input video_file: " + input.getFileName()
                    + " is not a readable video (" + e.getMessage() + ")");
        }
        if (info.video().isEmpty()) {
            throw WorkerFailure.nonRetryable("input.invalid", "input video_file: " + input.getFileName()
                    + " has no video stream");
        }
        return info;
    }

    /**
     * {@code <stem>.<ext>} in the artifacts folder, or {@code <stem>-transcoded.<ext>} when that
     * is the input itself (an MP4 re-encoded to MP4 by an earlier step's output).
     */
    private static String stem(Path input) {
        String name = input.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        // outputFile refuses a leading dot: ".clip.mp4" previews as "clip-preview.json"
        stem = stem.replaceFirst("^\\.+", "");
        return stem.isEmpty() ? "video" : stem;
    }

    private static Path outputFile(WorkerContext ctx, Path input, VideoFormat format) throws IOException {
        String name = input.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        Path plain = ctx.outputFile(stem + "." + format.extension());
        boolean clash = plain.toAbsolutePath().normalize().equals(input.normalize())
                || (Files.exists(plain) && Files.isSameFile(plain, input));
        return clash ? ctx.outputFile(stem + "-transcoded." + format.extension()) : plain;
    }

    private WorkerResult.Builder describeOutput(WorkerContext ctx, FfmpegTools tools, Path output,
                                                TranscodeSettings settings) {
        MediaProbe probe = new MediaProbe(tools.ffprobe(), new StepProcesses(runner, ctx), json);
        MediaInfo info;
        long videoBytes;
        try {
            info = probe.probe(output);
            videoBytes = probe.videoPacketBytes(output);
        } catch (UnreadableMediaException e) {
            throw WorkerFailure.nonRetryable("tool.failed", "ffmpeg wrote " + output.getFileName()
                    + " but ffprobe cannot read it back (" + e.getMessage() + ")");
        }
        double duration = info.durationSeconds();
        WorkerResult.Builder result = WorkerResult.builder()
                .output("video", output)
                .metric("format", settings.format().extension())
                .metric("target_bitrate_kbps", settings.bitrateKbps())
                .metric("duration_seconds", round(duration, 3))
                .metric("size_bytes", info.sizeBytes());
        if (duration > 0) {
            result.metric("bitrate_kbps", round(info.sizeBytes() * 8 / duration / 1000, 1))
                    .metric("video_bitrate_kbps", round(videoBytes * 8 / duration / 1000, 1));
        }
        info.video().ifPresent(v -> result.metric("video_codec", v.codec())
                .metric("width", v.width()).metric("height", v.height()));
        info.audio().ifPresent(a -> result.metric("audio_codec", a.codec()));
        return result;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
