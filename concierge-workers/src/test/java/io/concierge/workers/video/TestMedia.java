package io.concierge.workers.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.workers.process.SearchPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Makes test videos with ffmpeg and inspects results with ffprobe, independently of the worker's code. */
final class TestMedia {

    static final Path FFMPEG = tool("ffmpeg");
    static final Path FFPROBE = tool("ffprobe");

    private TestMedia() {
    }

    /**
     * A noisy test pattern with a 440 Hz tone. The noise keeps the picture expensive to encode,
     * so the encoder has to spend the whole bit budget and the bitrate can be checked.
     */
    static Path noisyClip(Path file, double seconds) throws IOException, InterruptedException {
        run(FFMPEG.toString(), "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", Double.toString(seconds), "-vf", "noise=alls=40:allf=t",
                "-c:v", "libx264", "-preset", "ultrafast", "-crf", "16", "-c:a", "pcm_s16le", file.toString());
        return file;
    }

    /** A small H.264/AAC MP4 test pattern. */
    static Path smallMp4(Path file) throws IOException, InterruptedException {
        run(FFMPEG.toString(), "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440",
                "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", file.toString());
        return file;
    }

    /** A one-second lossless (FFV1) clip of 161x121 pixels: odd sides, which 4:2:0 codecs cannot hold. */
    static Path oddSizedClip(Path file) throws IOException, InterruptedException {
        run(FFMPEG.toString(), "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=161x121:rate=25", "-t", "1", "-c:v", "ffv1", file.toString());
        return file;
    }

    /** {@code source} repeated {@code times} times, without re-encoding (fast). */
    static Path looped(Path source, int times, Path file) throws IOException, InterruptedException {
        run(FFMPEG.toString(), "-hide_banner", "-loglevel", "error", "-y", "-stream_loop", Integer.toString(times - 1),
                "-i", source.toString(), "-c", "copy", file.toString());
        return file;
    }

    /** A WAV tone: media, but no video. */
    static Path tone(Path file) throws IOException, InterruptedException {
        run(FFMPEG.toString(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440",
                "-t", "1", file.toString());
        return file;
    }

    /** ffprobe's format and streams of {@code file}. */
    static JsonNode probe(Path file) throws IOException, InterruptedException {
        String json = run(FFPROBE.toString(), "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                file.toString());
        return new ObjectMapper().readTree(json);
    }

    /** The first stream of the given type ({@code video} or {@code audio}). */
    static JsonNode stream(JsonNode probe, String type) {
        for (JsonNode stream : probe.path("streams")) {
            if (stream.path("codec_type").asText().equals(type)) {
                return stream;
            }
        }
        throw new AssertionError("no " + type + " stream in " + probe);
    }

    /** The delivered video bitrate in kbit/s: the video packets' bytes over the file's duration. */
    static double videoKbps(Path file) throws IOException, InterruptedException {
        String sizes = run(FFPROBE.toString(), "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=size",
                "-of", "csv=p=0", file.toString());
        long bytes = sizes.lines().filter(l -> !l.isBlank()).mapToLong(l -> Long.parseLong(l.strip())).sum();
        double seconds = probe(file).path("format").path("duration").asDouble();
        return bytes * 8 / seconds / 1000;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private static Path tool(String name) {
        return SearchPath.parse(System.getenv("PATH")).find(name)
                .orElseThrow(() -> new IllegalStateException(name + " is needed by the video tests: apt-get install ffmpeg"));
    }
}
