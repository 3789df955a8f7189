package io.concierge.workers.audio.encode;

import io.concierge.api.failure.WorkerFailure;
import io.concierge.workers.audio.ProgressListener;
import io.concierge.workers.process.ProcessOutcome;
import io.concierge.workers.process.StepProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes FLAC or Ogg Vorbis by running {@code ffmpeg} as a child process.
 *
 * <p>The command is an argument list, never a shell line, so no file name can be interpreted by a
 * shell. Both paths are passed absolute with ffmpeg's {@code file:} protocol prefix: a name
 * starting with {@code -} cannot be taken for an option, and a name containing {@code :} cannot be
 * taken for another protocol. ffmpeg's {@code -progress} feed on stdout drives progress; the last
 * lines of its error output go into the failure message. The process runs under the step's
 * {@link StepProcesses}, so a halt or an interrupt kills ffmpeg and anything it started.
 */
final class FfmpegEncoder {

    private static final int LOG_TAIL_LINES = 8;

    private final Path ffmpeg;

    FfmpegEncoder(Path ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /** The full command line for encoding {@code input} to {@code output}. */
    List<String> command(Path input, Path output, EncodeSettings settings) {
        List<String> args = new ArrayList<>(List.of(ffmpeg.toString(),
                "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-progress", "pipe:1", "-y",
                "-i", "file:" + input.toAbsolutePath(),
                "-map", "0:a:0", "-vn"));
        switch (settings.format()) {
            case FLAC:
                // Level 8 is FLAC's smallest output; it costs encode time only, decoding is as fast.
                args.addAll(List.of("-c:a", "flac", "-compression_level", "8", "-f", "flac"));
                break;
            case OGG:
                args.addAll(List.of("-c:a", "libvorbis"));
                if (settings.vbr()) {
                    args.addAll(List.of("-q:a", Integer.toString(settings.vorbisQuality())));
                } else {
                    args.addAll(List.of("-b:a", settings.bitrateKbps() + "k"));
                }
                args.addAll(List.of("-f", "ogg"));
                break;
            default:
                throw new IllegalArgumentException("ffmpeg does not encode " + settings.format() + " here");
        }
        args.add("file:" + output.toAbsolutePath());
        return args;
    }

    /**
     * Runs ffmpeg to completion through {@code processes}, which kills it when the step is halted.
     *
     * @param durationSeconds length of the input, for progress
     * @param listener        hears ffmpeg's position; it may throw to stop the encoding (ffmpeg is
     *                        killed before the exception leaves)
     * @throws WorkerFailure of type {@code tool.failed} when ffmpeg exits with an error, with the
     *                       last lines of its error output
     */
    void encode(Path input, Path output, EncodeSettings settings, double durationSeconds, StepProcesses processes,
                ProgressListener listener) {
        ProcessOutcome outcome = processes.run(command(input, output, settings), line -> {
            // ffmpeg's -progress feed: key=value lines; out_time_us is the encoded position.
            if (line.startsWith("out_time_us=") && durationSeconds > 0) {
                try {
                    double seconds = Long.parseLong(line.substring("out_time_us=".length()).strip()) / 1e6;
                    listener.progress(Math.max(0.0, Math.min(1.0, seconds / durationSeconds)),
                            "encoding " + settings.format().extension());
                } catch (NumberFormatException e) {
                    // "N/A" before the first packet: nothing to report yet.
                }
            }
        });
        if (!outcome.succeeded()) {
            List<String> reason = outcome.lastMeaningfulLines(LOG_TAIL_LINES);
            throw WorkerFailure.nonRetryable("tool.failed", "ffmpeg exited with code " + outcome.exitCode() + " encoding "
                    + input.getFileName() + " to " + settings.format().extension() + ": "
                    + (reason.isEmpty() ? "(no error output)" : String.join(" | ", reason)));
        }
        if (!Files.isRegularFile(output)) {
            throw WorkerFailure.nonRetryable("tool.failed", "ffmpeg reported success but wrote no "
                    + settings.format().extension() + " file for " + input.getFileName() + "; check the ffmpeg on the PATH");
        }
    }
}
