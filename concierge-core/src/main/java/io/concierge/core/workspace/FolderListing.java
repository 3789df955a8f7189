package io.concierge.core.workspace;

import io.concierge.api.failure.WorkspaceIoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The ids that a folder of state files holds in their names ({@code p_<id>.yaml},
 * {@code run-<id>.jsonl}): read from one listing, sorted, which for time-ordered ids is oldest first.
 */
public final class FolderListing {
    private FolderListing() {
    }

    /**
     * What stands between {@code prefix} and {@code suffix} in the names of {@code dir}'s files
     * that have both, sorted; empty when the folder does not exist.
     *
     * @param what the folder in words, for the error, e.g. "the plans in"
     */
    public static List<String> between(Path dir, String prefix, String suffix, String what) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(prefix) && n.endsWith(suffix) && n.length() > prefix.length() + suffix.length())
                    .map(n -> n.substring(prefix.length(), n.length() - suffix.length()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new WorkspaceIoException("list " + what, dir, e);
        }
    }
}
