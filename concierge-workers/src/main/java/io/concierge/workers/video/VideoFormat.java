package io.concierge.workers.video;

import io.concierge.api.failure.WorkerFailure;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The containers and codecs {@code video.transcode} writes. */
enum VideoFormat {

    /** H.264 video and AAC audio in MP4, the format every player and browser plays. */
    MP4("mp4") {
        @Override
        List<String> videoCodecArgs(int pass) {
            // "medium" is x264's balance of speed and quality; High profile with 8-bit 4:2:0
            // is what hardware decoders in phones and TVs support.
            return List.of("-c:v", "libx264", "-preset", "medium", "-profile:v", "high", "-pix_fmt", "yuv420p");
        }

        @Override
        List<String> audioCodecArgs() {
            return List.of("-c:a", "aac", "-b:a", "128k");
        }

        @Override
        List<String> muxerArgs() {
            // faststart moves the index to the front so playback can start while downloading.
            return List.of("-movflags", "+faststart", "-f", "mp4");
        }
    },

    /** VP9 video and Opus audio in WebM, the royalty-free web format. */
    WEBM("webm") {
        @Override
        List<String> videoCodecArgs(int pass) {
            // libvpx's advice for two-pass VOD: a fast analysis pass (cpu-used 4), then
            // cpu-used 2 for quality; row-mt uses all cores, which VP9 otherwise does not.
            String cpuUsed = pass == 1 ? "4" : "2";
            return List.of("-c:v", "libvpx-vp9", "-deadline", "good", "-cpu-used", cpuUsed, "-row-mt", "1",
                    "-pix_fmt", "yuv420p");
        }

        @Override
        List<String> audioCodecArgs() {
            return List.of("-c:a", "libopus", "-b:a", "128k");
        }

        @Override
        List<String> muxerArgs() {
            return List.of("-f", "webm");
        }
    };

    private final String extension;

    VideoFormat(String extension) {
        this.extension = extension;
    }

    /**
     * Parses a format name, ignoring case.
     *
     * @throws WorkerFailure of type {@code input.invalid} listing the supported formats
     */
    static VideoFormat parse(String name) {
        for (VideoFormat format : values()) {
            if (format.extension.equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw WorkerFailure.nonRetryable("input.invalid", "param format must be one of " + names()
                + ", got '" + ParamText.quote(name) + "'");
    }

    /** The file extension and format name, e.g. {@code mp4}. */
    String extension() {
        return extension;
    }

    /** Encoder choice and settings for the video stream in the given pass (1 or 2), without the bitrate. */
    abstract List<String> videoCodecArgs(int pass);

    /** Encoder choice and settings for the audio stream. */
    abstract List<String> audioCodecArgs();

    /** Container settings, ending with the muxer name. */
    abstract List<String> muxerArgs();

    private static String names() {
        return Arrays.stream(values()).map(f -> f.extension).collect(Collectors.joining(", "));
    }
}
