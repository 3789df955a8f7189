package io.concierge.workers.audio.encode;

import io.concierge.workers.audio.ProgressListener;
import io.concierge.workers.process.StepProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Encodes a WAV file in the format of an {@link EncodeSettings}: MP3 in-process, FLAC and Ogg
 * Vorbis with ffmpeg.
 */
public final class AudioEncoder {

    /**
     * What was produced.
     *
     * @param bytes size of the encoded file
     */
    public record Outcome(long bytes) {
    }

    private final Optional<Path> ffmpeg;

    /** @param ffmpeg the ffmpeg executable, needed for every format but MP3 */
    public AudioEncoder(Optional<Path> ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /**
     * Encodes {@code input} into {@code output}.
     *
     * @param durationSeconds length of the input, for progress
     * @param processes       runs ffmpeg for the step, killing it on a halt
     */
    public Outcome encode(Path input, Path output, EncodeSettings settings, double durationSeconds,
                          StepProcesses processes, ProgressListener listener) throws IOException {
        if (settings.format() == EncodeFormat.MP3) {
            new Mp3Encoder().encode(input, output, settings, listener);
        } else {
            Path tool = ffmpeg.orElseThrow(() -> new IllegalStateException("ffmpeg is required for " + settings.format()));
            new FfmpegEncoder(tool).encode(input, output, settings, durationSeconds, processes, listener);
        }
        return new Outcome(Files.size(output));
    }
}
