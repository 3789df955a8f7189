package io.concierge.workers.video;

import java.util.List;
import java.util.Optional;

/**
 * What ffprobe says about a media file.
 *
 * @param durationSeconds the container's duration, 0 when unknown
 * @param sizeBytes       the file size
 * @param streams         the streams, in file order
 */
record MediaInfo(double durationSeconds, long sizeBytes, List<Stream> streams) {

    /** Copies the list so the record stays immutable. */
    MediaInfo {
        streams = List.copyOf(streams);
    }

    /** The first real video stream; cover art embedded as a picture does not count. */
    Optional<Stream> video() {
        return streams.stream().filter(s -> s.type().equals("video") && !s.attachedPicture()).findFirst();
    }

    /** The first audio stream. */
    Optional<Stream> audio() {
        return streams.stream().filter(s -> s.type().equals("audio")).findFirst();
    }

    /**
     * One stream of a media file.
     *
     * @param type            {@code video}, {@code audio}, {@code subtitle}, ...
     * @param codec           the codec name, e.g. {@code h264}
     * @param width           the frame width (0 for non-video streams)
     * @param height          the frame height (0 for non-video streams)
     * @param attachedPicture whether it is a still image such as cover art
     */
    record Stream(String type, String codec, int width, int height, boolean attachedPicture) {
    }
}
