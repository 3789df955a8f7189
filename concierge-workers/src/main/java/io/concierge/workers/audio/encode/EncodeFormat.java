package io.concierge.workers.audio.encode;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The formats {@code audio.encode} produces. */
public enum EncodeFormat {
    /** MPEG-1/2 Layer III, encoded in-process by jump3r. */
    MP3("mp3", "mp3"),
    /** Free Lossless Audio Codec, encoded by ffmpeg. */
    FLAC("flac", "flac"),
    /** Vorbis in an Ogg container, encoded by ffmpeg's libvorbis. */
    OGG("ogg", "vorbis");

    private final String extension;
    private final String codec;

    EncodeFormat(String extension, String codec) {
        this.extension = extension;
        this.codec = codec;
    }

    /** File extension of the output, without the dot. */
    public String extension() {
        return extension;
    }

    /** Codec name as ffprobe reports it. */
    public String codec() {
        return codec;
    }

    /** The format called {@code name} (case-insensitive), if supported. */
    public static Optional<EncodeFormat> parse(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.extension.equals(key)).findFirst();
    }

    /** {@code "mp3, flac, ogg"}. */
    public static String supported() {
        return Arrays.stream(values()).map(EncodeFormat::extension).collect(Collectors.joining(", "));
    }
}
