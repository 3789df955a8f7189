package io.concierge.workers.video;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.concierge.workers.process.ProcessOutcome;
import io.concierge.workers.process.StepProcesses;
import io.concierge.workers.video.MediaProbe.UnreadableMediaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a person approving a transcode wants to see, written as {@code <stem>-preview.json}: a
 * strip of thumbnails of input and output at the same moments (small JPEGs, inline as
 * {@code data:} URIs, so the file is all a chart needs), and the video bitrate over time of both
 * next to the target.
 *
 * <pre>{@code
 * jq '.bitrate.output_kbps | max' clip-preview.json
 * }</pre>
 *
 * <p>Bitrate points cover {@code interval_seconds} each (1 s, longer for videos over
 * {@value #MAX_POINTS} seconds, so there are at most that many). A thumbnail ffmpeg cannot make
 * is {@code null}; the preview never fails the transcode it describes.
 */
final class TranscodePreview {
    static final int THUMBNAILS = 6;
    static final int THUMBNAIL_WIDTH = 160;
    static final int MAX_POINTS = 2000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final FfmpegTools tools;
    private final StepProcesses processes;
    private final MediaProbe probe;
    private final Path scratch;

    TranscodePreview(FfmpegTools tools, StepProcesses processes, MediaProbe probe, Path scratch) {
        this.tools = tools;
        this.processes = processes;
        this.probe = probe;
        this.scratch = scratch;
    }

    /** Writes the preview of {@code input} transcoded into {@code output} to {@code file}. */
    void write(Path input, Path output, double durationSeconds, int targetKbps, Path file) throws IOException {
        Map<String, Object> preview = new LinkedHashMap<>();
        preview.put("kind", "video-preview");
        preview.put("input_file", input.getFileName().toString());
        preview.put("output_file", output.getFileName().toString());
        preview.put("duration_seconds", round(durationSeconds));
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < THUMBNAILS; i++) {
            times.add(round((i + 0.5) * durationSeconds / THUMBNAILS));
        }
        Map<String, Object> thumbnails = new LinkedHashMap<>();
        thumbnails.put("width", THUMBNAIL_WIDTH);
        thumbnails.put("times_seconds", times);
        thumbnails.put("input", frames(input, times, "in"));
        thumbnails.put("output", frames(output, times, "out"));
        preview.put("thumbnails", thumbnails);
        double interval = Math.max(1.0, Math.ceil(durationSeconds / MAX_POINTS));
        Map<String, Object> bitrate = new LinkedHashMap<>();
        bitrate.put("interval_seconds", interval);
        bitrate.put("target_kbps", targetKbps);
        bitrate.put("input_kbps", series(input, durationSeconds, interval));
        bitrate.put("output_kbps", series(output, durationSeconds, interval));
        bitrate.put("note", "video stream only: the bytes of its packets in each interval, by presentation time");
        preview.put("bitrate", bitrate);
        JSON.writeValue(file.toFile(), preview);
    }

    /** A JPEG of each moment as a {@code data:} URI, or null where ffmpeg made none. */
    private List<String> frames(Path video, List<Double> times, String prefix) throws IOException {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            Path jpeg = scratch.resolve(prefix + "-" + i + ".jpg");
            // -ss before -i seeks by the index: fast even deep into a long video
            ProcessOutcome outcome = processes.run(List.of(tools.ffmpeg().toString(), "-nostdin", "-v", "error", "-y",
                    "-ss", String.format(Locale.ROOT, "%.3f", times.get(i)), "-i", video.toAbsolutePath().toString(),
                    "-frames:v", "1", "-vf", "scale=" + THUMBNAIL_WIDTH + ":-2", "-q:v", "6", "-f", "image2",
                    jpeg.toString()), line -> { });
            if (outcome.succeeded() && Files.isRegularFile(jpeg) && Files.size(jpeg) > 0) {
                frames.add("data:image/jpeg;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(jpeg)));
            } else {
                frames.add(null);
            }
            Files.deleteIfExists(jpeg);
        }
        return frames;
    }

    private List<Double> series(Path video, double duration, double interval) {
        List<Double> kbps = new ArrayList<>();
        try {
            for (double v : probe.videoBitrateSeries(video, duration, interval)) {
                kbps.add(Math.round(v * 10) / 10.0);
            }
        } catch (UnreadableMediaException e) {
            // the video itself was read back before; a preview without this curve is still a preview
        }
        return kbps;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
