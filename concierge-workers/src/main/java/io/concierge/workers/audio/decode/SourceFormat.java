package io.concierge.workers.audio.decode;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The audio files the audio workers accept, by file extension: WAV is read in pure Java, the
 * others are decoded by {@code ffmpeg} first.
 *
 * <pre>{@code
 * SourceFormat.of(Path.of("lecture.mp3"));   // Optional[MP3], needsFfmpeg() == true
 * }</pre>
 */
public enum SourceFormat {
    /** RIFF WAVE: 16/24/32-bit PCM or 32-bit float, read directly. */
    WAV("WAV", List.of("wav", "wave")),
    /** MPEG-1/2 Layer III. */
    MP3("MP3", List.of("mp3")),
    /** Free Lossless Audio Codec. */
    FLAC("FLAC", List.of("flac")),
    /** AAC in an MPEG-4 container, or a raw ADTS stream. */
    AAC("M4A/AAC", List.of("m4a", "aac")),
    /** Vorbis in an Ogg container. */
    OGG("Ogg Vorbis", List.of("ogg", "oga")),
    /** Opus, in an Ogg container. */
    OPUS("Opus", List.of("opus"));

    private final String label;
    private final List<String> extensions;

    SourceFormat(String label, List<String> extensions) {
        this.label = label;
        this.extensions = extensions;
    }

    /** A name for messages, such as {@code M4A/AAC}. */
    public String label() {
        return label;
    }

    /** The file extensions of this format, lower case, without the dot. */
    public List<String> extensions() {
        return extensions;
    }

    /** Whether the file must be decoded by ffmpeg before the pure-Java pipeline can read it. */
    public boolean needsFfmpeg() {
        return this != WAV;
    }

    /** The format a file's extension names (case-insensitive), if it is one of these. */
    public static Optional<SourceFormat> of(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.extensions.contains(extension)).findFirst();
    }

    /** Every accepted extension, for messages: {@code "wav, wave, mp3, flac, ..."}. */
    public static String supportedExtensions() {
        return Arrays.stream(values()).flatMap(f -> f.extensions.stream()).collect(Collectors.joining(", "));
    }
}
