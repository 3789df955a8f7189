package io.concierge.workers.audio.encode;

import io.concierge.api.failure.WorkerFailure;
import io.concierge.workers.audio.ProgressListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Encodes FLAC or Ogg Vorbis by running {@code ffmpeg} as a child process.
 *
 * <p>The command is an argument list, never a shell line, so no file name can be interpreted by a
 * shell. Both paths are passed absolute with ffmpeg's {@code file:} protocol prefix: a name
 * starting with {@code -} cannot be taken for an option, and a name containing {@code :} cannot be
 * taken for another protocol. ffmpeg's {@code -progress} feed on stdout drives progress; its
 * error output goes to a log file in scratch and its last lines into the failure message. While
 * waiting, the listener is called every 100 ms; if it throws (a halt), ffmpeg and any children are
 * stopped before the exception leaves.
 */
final class FfmpegEncoder {

    private static final long POLL_MILLIS = 100;
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
     * Runs ffmpeg to completion.
     *
     * @param durationSeconds length of the input, for progress
     * @param log             file that receives ffmpeg's error output
     */
    void encode(Path input, Path output, EncodeSettings settings, double durationSeconds, Path log,
                ProgressListener listener) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(input, output, settings))
                .redirectError(log.toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        AtomicLong encodedMicros = new AtomicLong();
        Thread progressReader = new Thread(() -> readProgress(process, encodedMicros), "ffmpeg-progress");
        progressReader.setDaemon(true);
        progressReader.start();
        int exit;
        try {
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                double fraction = durationSeconds > 0 ? encodedMicros.get() / 1e6 / durationSeconds : 0.0;
                listener.progress(Math.min(1.0, fraction), "encoding " + settings.format().extension());
            }
            exit = process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while ffmpeg was encoding " + input.getFileName());
        } finally {
            if (process.isAlive()) {
                stop(process);
            }
        }
        if (exit != 0) {
            throw WorkerFailure.nonRetryable("tool.failed", "ffmpeg exited with code " + exit + " encoding "
                    + input.getFileName() + " to " + settings.format().extension() + ": " + tail(log));
        }
    }

    /** Reads ffmpeg's {@code key=value} progress lines; {@code out_time_us} is the encoded position. */
    private static void readProgress(Process process, AtomicLong encodedMicros) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("out_time_us=")) {
                    try {
                        encodedMicros.set(Long.parseLong(line.substring("out_time_us=".length()).strip()));
                    } catch (NumberFormatException e) {
                        // "N/A" before the first packet: keep the last known position.
                    }
                }
            }
        } catch (IOException e) {
            // The pipe closes when ffmpeg exits or is stopped; progress is best effort.
        }
    }

    /** Stops ffmpeg and anything it started: politely first, then forcibly. */
    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            String text = String.join(" | ", last).strip();
            return text.isEmpty() ? "(no error output)" : text;
        } catch (IOException e) {
            return "(error output unavailable: " + e.getMessage() + ")";
        }
    }
}
