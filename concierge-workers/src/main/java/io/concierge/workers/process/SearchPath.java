package io.concierge.workers.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The folders of a {@code PATH}-style search list, used to find an external tool such as
 * {@code ffmpeg} without going through a shell.
 *
 * <pre>{@code
 * Optional<Path> ffmpeg = SearchPath.parse(System.getenv("PATH")).find("ffmpeg");
 * }</pre>
 *
 * @param directories the absolute folders searched, in order
 */
public record SearchPath(List<Path> directories) {

    /** Copies the list so the record stays immutable. */
    public SearchPath {
        directories = List.copyOf(directories);
    }

    /**
     * Parses a {@code PATH} value. Empty and relative entries are dropped on purpose: POSIX
     * reads them as the current directory, which would let a file dropped next to a job's
     * inputs pose as the tool.
     *
     * @param pathValue the value of {@code PATH}; {@code null} gives an empty search path
     */
    public static SearchPath parse(String pathValue) {
        List<Path> dirs = new ArrayList<>();
        if (pathValue != null) {
            for (String entry : pathValue.split(File.pathSeparator)) {
                toAbsoluteDir(entry).ifPresent(dirs::add);
            }
        }
        return new SearchPath(dirs);
    }

    /** The first executable regular file called {@code name} in these folders. */
    public Optional<Path> find(String name) {
        if (name.isEmpty() || name.contains("/") || name.contains(File.separator)) {
            throw new IllegalArgumentException("tool name must be a bare file name, got '" + name + "'");
        }
        for (Path dir : directories) {
            for (String candidate : candidateNames(name)) {
                Path file = dir.resolve(candidate);
                if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                    return Optional.of(file);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> toAbsoluteDir(String entry) {
        if (entry.isBlank()) {
            return Optional.empty();
        }
        try {
            Path dir = Path.of(entry);
            return dir.isAbsolute() ? Optional.of(dir.normalize()) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static List<String> candidateNames(String name) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return windows ? List.of(name + ".exe", name) : List.of(name);
    }
}
