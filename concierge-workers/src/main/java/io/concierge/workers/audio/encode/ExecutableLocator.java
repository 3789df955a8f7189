package io.concierge.workers.audio.encode;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds a program the way a shell would, by looking through the directories of a {@code PATH}
 * string, but stricter: empty and relative entries (which would mean "the current directory")
 * are ignored, so a file dropped next to the job cannot pose as ffmpeg.
 *
 * <pre>{@code
 * Optional<Path> ffmpeg = ExecutableLocator.fromEnvironment().find("ffmpeg");
 * }</pre>
 */
public final class ExecutableLocator {

    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private final List<Path> directories;

    /** A locator searching the directories of {@code pathVariable} (may be null or empty: finds nothing). */
    public ExecutableLocator(String pathVariable) {
        List<Path> dirs = new ArrayList<>();
        if (pathVariable != null) {
            for (String entry : pathVariable.split(Pattern.quote(java.io.File.pathSeparator))) {
                if (entry.isBlank()) {
                    continue;
                }
                try {
                    Path dir = Path.of(entry);
                    if (dir.isAbsolute()) {
                        dirs.add(dir);
                    }
                } catch (InvalidPathException e) {
                    // A malformed PATH entry cannot hold the program; skip it like a shell would.
                }
            }
        }
        this.directories = List.copyOf(dirs);
    }

    /** A locator for this process's {@code PATH} environment variable. */
    public static ExecutableLocator fromEnvironment() {
        return new ExecutableLocator(System.getenv("PATH"));
    }

    /** The first executable regular file called {@code name} (plus {@code .exe} on Windows) on the path. */
    public Optional<Path> find(String name) {
        for (Path dir : directories) {
            for (String candidate : WINDOWS ? List.of(name + ".exe", name) : List.of(name)) {
                Path file = dir.resolve(candidate);
                if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                    return Optional.of(file);
                }
            }
        }
        return Optional.empty();
    }
}
