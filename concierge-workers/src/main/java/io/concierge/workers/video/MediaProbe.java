package io.concierge.workers.video;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.workers.process.ProcessOutcome;
import io.concierge.workers.process.StepProcesses;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Asks {@code ffprobe} about media files. */
final class MediaProbe {

    /** ffprobe's JSON for a sane file is a few kB; more means a hostile file, not a video. */
    private static final int MAX_JSON_CHARS = 4 * 1024 * 1024;

    private final Path ffprobe;
    private final StepProcesses processes;
    private final ObjectMapper json;

    MediaProbe(Path ffprobe, StepProcesses processes, ObjectMapper json) {
        this.ffprobe = ffprobe;
        this.processes = processes;
        this.json = json;
    }

    /**
     * Duration, size and streams of {@code file}.
     *
     * @throws UnreadableMediaException when ffprobe cannot read it, with ffprobe's reason
     */
    MediaInfo probe(Path file) throws UnreadableMediaException {
        StringBuilder out = new StringBuilder();
        run(List.of("-v", "error", "-print_format", "json",
                "-show_entries", "format=duration,size:stream=codec_type,codec_name,width,height"
                        + ":stream_disposition=attached_pic",
                file.toAbsolutePath().toString()), line -> {
                    if (out.length() < MAX_JSON_CHARS) {
                        out.append(line).append('\n');
                    }
                });
        try {
            return toMediaInfo(json.readTree(out.toString()));
        } catch (JsonProcessingException e) {
            throw new UnreadableMediaException("ffprobe's report could not be read: " + e.getOriginalMessage());
        }
    }

    /**
     * The bytes of all packets of the first video stream: divided by the duration, the video
     * bitrate actually delivered. Counted from packets because WebM, unlike MP4, records no
     * per-stream bitrate.
     *
     * @throws UnreadableMediaException when ffprobe cannot read the file
     */
    long videoPacketBytes(Path file) throws UnreadableMediaException {
        long[] total = {0};
        run(List.of("-v", "error", "-select_streams", "V:0", "-show_entries", "packet=size", "-of", "csv=p=0",
                file.toAbsolutePath().toString()), line -> {
                    String size = line.strip();
                    if (size.matches("[0-9]{1,12}")) {
                        total[0] += Long.parseLong(size);
                    }
                });
        return total[0];
    }

    /**
     * The first video stream's bitrate over time: the bytes of its packets in each
     * {@code intervalSeconds}, as kbit/s, by presentation time. Packets without a time are left out.
     *
     * @throws UnreadableMediaException when ffprobe cannot read the file
     */
    double[] videoBitrateSeries(Path file, double durationSeconds, double intervalSeconds) throws UnreadableMediaException {
        int points = Math.max(1, (int) Math.ceil(durationSeconds / intervalSeconds));
        double[] bytes = new double[points];
        run(List.of("-v", "error", "-select_streams", "V:0", "-show_entries", "packet=pts_time,size", "-of", "csv=p=0",
                file.toAbsolutePath().toString()), line -> {
                    String[] parts = line.strip().split(",");
                    if (parts.length == 2 && parts[0].matches("-?[0-9]{1,9}(\\.[0-9]+)?") && parts[1].matches("[0-9]{1,12}")) {
                        int slot = (int) Math.floor(Double.parseDouble(parts[0]) / intervalSeconds);
                        if (slot >= 0 && slot < points) {
                            bytes[slot] += Long.parseLong(parts[1]);
                        }
                    }
                });
        for (int i = 0; i < points; i++) {
            // the last interval may be cut short by the end of the video
            double length = Math.min(intervalSeconds, durationSeconds - i * intervalSeconds);
            bytes[i] = length > 0 ? bytes[i] * 8 / length / 1000 : 0;
        }
        return bytes;
    }

    private void run(List<String> args, Consumer<String> stdoutLines) throws UnreadableMediaException {
        List<String> command = new ArrayList<>();
        command.add(ffprobe.toString());
        command.addAll(args);
        ProcessOutcome outcome = processes.run(command, stdoutLines);
        if (!outcome.succeeded()) {
            List<String> reason = outcome.lastMeaningfulLines(3);
            throw new UnreadableMediaException(reason.isEmpty()
                    ? "ffprobe exited with " + outcome.exitCode()
                    : "ffprobe: " + String.join(" | ", reason));
        }
    }

    private static MediaInfo toMediaInfo(JsonNode root) {
        JsonNode format = root.path("format");
        List<MediaInfo.Stream> streams = new ArrayList<>();
        for (JsonNode stream : root.path("streams")) {
            streams.add(new MediaInfo.Stream(
                    stream.path("codec_type").asText(""),
                    stream.path("codec_name").asText(""),
                    stream.path("width").asInt(0),
                    stream.path("height").asInt(0),
                    stream.path("disposition").path("attached_pic").asInt(0) == 1));
        }
        return new MediaInfo(format.path("duration").asDouble(0), format.path("size").asLong(0), streams);
    }

    /** ffprobe could not read a file; the message says why. */
    static final class UnreadableMediaException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableMediaException(String message) {
            super(message);
        }
    }
}
