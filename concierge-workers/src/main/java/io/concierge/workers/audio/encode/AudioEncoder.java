package io.concierge.workers.audio.encode;

import io.concierge.workers.audio.ProgressListener;
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
     * @param scratchDir      where ffmpeg's log goes
     */
    public Outcome encode(Path input, Path output, EncodeSettings settings, double durationSeconds, Path scratchDir,
                          ProgressListener listener) throws IOException {
        if (settings.format() == EncodeFormat.MP3) {
            new Mp3Encoder().encode(input, output, settings, listener);
        } else {
            Path tool = ffmpeg.orElseThrow(() -> new IllegalStateException("ffmpeg is required for " + settings.format()));
            Path log = Files.createDirectories(scratchDir).resolve("ffmpeg-" + settings.format().extension() + ".log");
            new FfmpegEncoder(tool).encode(input, output, settings, durationSeconds, log, listener);
        }
        return new Outcome(Files.size(output));
    }
}
