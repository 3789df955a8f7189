package io.concierge.core.run;

import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.core.workspace.FileWorkspace;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The folders a run writes into, checked right before it writes: {@code jobs/}, the job's folder,
 * its {@code logs/} and {@code artifacts/}, and the run's scratch under {@code .concierge/tmp/},
 * each a real folder and never a symbolic link, so that nothing a run writes lands outside the
 * workspace. The workspace root itself may be a link (a person may keep it anywhere); below it,
 * every step of the path is checked without following links.
 *
 * <p>Outputs reach {@code artifacts/} only through {@link #moveInto}: a worker writes into a
 * staging folder of its step, and each finished output is renamed into place whole, so a crash
 * at any instant leaves either the complete file or none.
 */
final class RunFolders {
    /** The prefix of a copy on its way into {@code artifacts/} when a rename cannot cross file systems. */
    static final String PARTIAL_PREFIX = ".partial-";

    private final FileWorkspace workspace;

    RunFolders(FileWorkspace workspace) {
        this.workspace = workspace;
    }

    /**
     * Fails when the job's folder or its {@code logs/} is a link or not a folder: checked before a
     * run records anything, since every record of the run would follow the link.
     */
    void requireRecordable(String jobId) {
        Path jobDir = workspace.jobDir(jobId);
        String problem = firstLinked(List.of(workspace.jobsDir(), jobDir, jobDir.resolve("logs")));
        if (problem != null) {
            throw new InvalidWorkspaceException("job " + jobId + " cannot run: " + problem
                    + "; a run would write outside the workspace: replace it with a real folder");
        }
    }

    /**
     * Why the job's {@code artifacts/} cannot take outputs (a link, or not a folder), as one
     * sentence; null when it is a real folder, which is made when missing.
     */
    String artifactsProblem(String jobId) {
        Path artifacts = workspace.artifactsDir(jobId);
        Path jobDir = artifacts.getParent();
        String problem = firstLinked(List.of(jobDir.getParent(), jobDir, artifacts));
        if (problem != null) {
            return problem + "; a run would write outside job " + jobId + ": replace it with a real folder and run again";
        }
        try {
            Files.createDirectories(artifacts);
        } catch (IOException e) {
            return "cannot create " + relative(artifacts) + " (" + io.concierge.api.failure.WorkspaceIoException.reason(e)
                    + "); check that the workspace can be written";
        }
        // A link made between the check and the creation is caught here, before anything is written.
        return firstLinked(List.of(artifacts));
    }

    /** Removes copies a crashed run left on their way into {@code artifacts/} (never artifacts themselves). */
    void removePartials(String jobId) {
        Path artifacts = workspace.artifactsDir(jobId);
        if (!Files.isDirectory(artifacts, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.list(artifacts)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith(PARTIAL_PREFIX)).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // hidden leftovers are never listed as artifacts; the next run tries again
        }
    }

    /**
     * Makes a fresh private folder {@code name} under the run's scratch root, after checking that
     * {@code .concierge/}, {@code .concierge/tmp/} and the scratch root are real folders.
     */
    Path staging(Path scratchRoot, String name) throws IOException {
        Path state = workspace.stateDir();
        Path tmp = state.resolve("tmp");
        Files.createDirectories(scratchRoot);
        String problem = firstLinked(List.of(state, tmp, scratchRoot));
        if (problem != null) {
            throw new IOException(problem + "; the run's scratch space must lie inside the workspace");
        }
        Path dir = scratchRoot.resolve(name);
        StepCache.deleteTree(dir);
        return Files.createDirectory(dir);
    }

    /**
     * Moves a finished file whole to {@code target} in {@code artifacts/}, replacing what is
     * there: flushed to disk first, then renamed. When the staging folder is on another file
     * system, it is first copied beside the target under a hidden name, then renamed.
     */
    static void moveInto(Path staged, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(staged, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        } catch (AtomicMoveNotSupportedException e) {
            // another file system: copy beside the target, then rename within artifacts/
        }
        Path partial = target.resolveSibling(PARTIAL_PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + "-" + target.getFileName());
        try {
            Files.copy(staged, partial, StandardCopyOption.COPY_ATTRIBUTES);
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The first of {@code folders} that is a symbolic link or exists but is not a folder, as words; else null. */
    private String firstLinked(List<Path> folders) {
        for (Path dir : folders) {
            if (Files.isSymbolicLink(dir)) {
                return relative(dir) + " is a symbolic link";
            }
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return relative(dir) + " is not a folder";
            }
        }
        return null;
    }

    private String relative(Path path) {
        Path root = workspace.root();
        return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
    }
}
