package io.concierge.workers.files;

import io.concierge.api.failure.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The archive formats {@code file.compress} writes, with the file extension each gets and the
 * compression levels it accepts.
 */
public enum ArchiveFormat {
    /** A zip archive of a file or a folder (deflate). */
    ZIP("zip", "zip", true, 0, 9),
    /** A POSIX tar archive, gzip-compressed, of a file or a folder. */
    TAR_GZ("tar.gz", "tar.gz", true, 1, 9),
    /** One gzip-compressed file. */
    GZ("gz", "gz", false, 1, 9),
    /** One zstd-compressed file. */
    ZST("zst", "zst", false, 1, 22);

    private final String id;
    private final String extension;
    private final boolean folders;
    private final int minLevel;
    private final int maxLevel;

    ArchiveFormat(String id, String extension, boolean folders, int minLevel, int maxLevel) {
        this.id = id;
        this.extension = extension;
        this.folders = folders;
        this.minLevel = minLevel;
        this.maxLevel = maxLevel;
    }

    /**
     * The format named {@code text} (case-insensitive); fails listing the supported ones.
     *
     * @param text    the param value, e.g. {@code tar.gz}
     * @param zstdAvailable whether zstd's native library loaded on this machine
     * @return the format
     */
    public static ArchiveFormat parse(String text, boolean zstdAvailable) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (ArchiveFormat f : values()) {
            if (f.id.equals(wanted)) {
                if (f == ZST && !zstdAvailable) {
                    throw new InvalidInputException("param format: zst is not available on this machine (zstd-jni could not"
                            + " load its native library); supported here: " + supported(false));
                }
                return f;
            }
        }
        throw new InvalidInputException("param format: '" + text + "' is not supported; use one of " + supported(zstdAvailable));
    }

    private static String supported(boolean zstdAvailable) {
        return Arrays.stream(values()).filter(f -> f != ZST || zstdAvailable).map(ArchiveFormat::id)
                .collect(Collectors.joining(", "));
    }

    /**
     * The param value naming this format.
     *
     * @return e.g. {@code tar.gz}
     */
    public String id() {
        return id;
    }

    /**
     * The archive's file extension, without the leading dot.
     *
     * @return e.g. {@code tar.gz}
     */
    public String extension() {
        return extension;
    }

    /**
     * Whether the format can hold a folder (several entries) rather than one file's bytes.
     *
     * @return true for zip and tar.gz
     */
    public boolean holdsFolders() {
        return folders;
    }

    /**
     * Checks a compression level against this format's range.
     *
     * @param level the level the person asked for
     * @return the level
     */
    public int checkLevel(long level) {
        if (level < minLevel || level > maxLevel) {
            throw new InvalidInputException("param level: " + level + " is out of range for " + id + " (" + minLevel
                    + " to " + maxLevel + ")");
        }
        return (int) level;
    }
}
