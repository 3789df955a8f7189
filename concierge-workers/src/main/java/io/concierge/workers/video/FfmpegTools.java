package io.concierge.workers.video;

import io.concierge.api.failure.WorkerFailure;
import io.concierge.workers.process.SearchPath;
import java.nio.file.Path;

/**
 * Where the {@code ffmpeg} and {@code ffprobe} executables are.
 *
 * @param ffmpeg  the encoder
 * @param ffprobe the inspector, shipped in the same package as ffmpeg
 */
record FfmpegTools(Path ffmpeg, Path ffprobe) {

    private static final String INSTALL_HINT =
            "install it with 'apt-get install ffmpeg' (Debian/Ubuntu) or 'brew install ffmpeg' (macOS)";

    /**
     * Finds both tools on the search path.
     *
     * @throws WorkerFailure of type {@code tool.missing} naming the tool and how to install it
     */
    static FfmpegTools locate(SearchPath searchPath) {
        Path ffmpeg = searchPath.find("ffmpeg").orElseThrow(() -> WorkerFailure.nonRetryable("tool.missing",
                "ffmpeg was not found on PATH; video.transcode needs it: " + INSTALL_HINT));
        Path ffprobe = searchPath.find("ffprobe").orElseThrow(() -> WorkerFailure.nonRetryable("tool.missing",
                "ffprobe (part of ffmpeg) was not found on PATH; video.transcode needs it: " + INSTALL_HINT));
        return new FfmpegTools(ffmpeg, ffprobe);
    }
}
