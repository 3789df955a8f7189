package io.concierge.workers.audio;

import io.concierge.workers.process.SearchPath;
import io.concierge.workers.audio.wav.WavReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the reference tools (ffmpeg, ffprobe) for tests. */
final class Ffmpeg {

    private static final Pattern SUMMARY_I = Pattern.compile("^\\s*I:\\s*(-?[0-9.]+|-inf) LUFS", Pattern.MULTILINE);
    private static final Pattern SUMMARY_LRA = Pattern.compile("^\\s*LRA:\\s*(-?[0-9.]+) LU", Pattern.MULTILINE);
    private static final Pattern SUMMARY_PEAK = Pattern.compile("^\\s*Peak:\\s*(-?[0-9.]+|-inf) dBFS", Pattern.MULTILINE);

    private Ffmpeg() {
    }

    static Optional<Path> ffmpeg() {
        return SearchPath.parse(System.getenv("PATH")).find("ffmpeg");
    }

    static Optional<Path> ffprobe() {
        return SearchPath.parse(System.getenv("PATH")).find("ffprobe");
    }

    static boolean available() {
        return ffmpeg().isPresent() && ffprobe().isPresent();
    }

    /**
     * ffmpeg's EBU R128 measurement from its {@code ebur128} filter summary.
     *
     * @param integratedLufs  "I:" of the summary
     * @param loudnessRangeLu "LRA:" of the summary
     * @param truePeakDbtp    "Peak:" of the summary (true peak, 4x oversampled by resampling to 192 kHz)
     */
    record Ebur128(double integratedLufs, double loudnessRangeLu, double truePeakDbtp) {
    }

    static Ebur128 ebur128(Path wav) throws IOException, InterruptedException {
        String err = run(List.of(ffmpeg().orElseThrow().toString(), "-nostats", "-hide_banner", "-i", wav.toAbsolutePath().toString(),
                "-af", "ebur128=peak=true", "-f", "null", "-")).stderr;
        int summary = err.lastIndexOf("Summary:");
        if (summary < 0) {
            throw new IOException("no ebur128 summary in ffmpeg output: " + err);
        }
        String text = err.substring(summary);
        return new Ebur128(find(SUMMARY_I, text), find(SUMMARY_LRA, text), find(SUMMARY_PEAK, text));
    }

    /**
     * What ffprobe says about an encoded file.
     *
     * @param codec      codec name of the first audio stream
     * @param channels   its channel count
     * @param sampleRate its sample rate
     */
    record Probe(String codec, int channels, int sampleRate) {
    }

    static Probe probe(Path file) throws IOException, InterruptedException {
        String out = run(List.of(ffprobe().orElseThrow().toString(), "-v", "error", "-select_streams", "a:0",
                "-show_entries", "stream=codec_name,channels,sample_rate", "-of", "default=noprint_wrappers=1",
                file.toAbsolutePath().toString())).stdout;
        String codec = value(out, "codec_name");
        return new Probe(codec, Integer.parseInt(value(out, "channels")), Integer.parseInt(value(out, "sample_rate")));
    }

    /** Decodes {@code file} with ffmpeg and returns the decoded audio's duration in seconds. */
    static double decodedDurationSeconds(Path file, Path scratch) throws IOException, InterruptedException {
        return WavReader.probe(decode(file, scratch.resolve(file.getFileName() + ".decoded.wav"))).durationSeconds();
    }

    /** Decodes {@code file} to 32-bit float WAV with ffmpeg. */
    static Path decode(Path file, Path wav) throws IOException, InterruptedException {
        run(List.of(ffmpeg().orElseThrow().toString(), "-v", "error", "-y", "-i", file.toAbsolutePath().toString(),
                "-c:a", "pcm_f32le", wav.toAbsolutePath().toString()));
        return wav;
    }

    private record Output(String stdout, String stderr) {
    }

    private static Output run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).start();
        p.getOutputStream().close();
        // Read both streams fully; the outputs here are small enough for one reader after the other
        // only when stderr is drained concurrently, so use a thread for it.
        StringBuilder err = new StringBuilder();
        Thread errReader = new Thread(() -> {
            try {
                err.append(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.append("(stderr unreadable: ").append(e.getMessage()).append(')');
            }
        });
        errReader.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        errReader.join();
        if (p.exitValue() != 0) {
            throw new IOException("exit " + p.exitValue() + " from " + command + ": " + err);
        }
        return new Output(out, err.toString());
    }

    private static double find(Pattern pattern, String text) throws IOException {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IOException("no " + pattern + " in " + text);
        }
        return m.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(m.group(1));
    }

    private static String value(String text, String key) throws IOException {
        for (String line : text.split("\\R")) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1).strip();
            }
        }
        throw new IOException("no " + key + " in ffprobe output: " + text);
    }
}
