package io.concierge.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every file of a workspace as relative path → SHA-256, without the rebuildable
 * {@code .concierge/} folder: two snapshots are equal when a command changed nothing.
 */
public final class WorkspaceSnapshot {
    private WorkspaceSnapshot() {
    }

    /** The snapshot of {@code root} (empty when it does not exist). */
    public static Map<String, String> of(Path root) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(path -> {
                String relative = root.relativize(path).toString();
                if (relative.equals(".concierge") || relative.startsWith(".concierge/")) {
                    return;
                }
                files.put(relative + (Files.isDirectory(path) ? "/" : ""),
                        Files.isDirectory(path) ? "" : sha256(path));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
