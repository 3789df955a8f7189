package io.concierge.core.plan;

import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.NotFoundException;
import io.concierge.api.failure.WorkspaceIoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Resolves where a delivery goes, at planning, into the one spelling the plan shows and the
 * approval covers: absolute, normalized, with every symbolic link of the folder resolved, and a
 * trailing {@code /} when the output goes into a folder under its own name.
 *
 * <ul>
 *   <li>{@code /mnt/backup/}, or any existing folder: the file keeps its name inside it;</li>
 *   <li>{@code backup/x.txt}: the file is delivered as {@code x.txt} in {@code backup/};</li>
 *   <li>relative paths resolve against the working directory, {@code ~/} against {@code $HOME};</li>
 *   <li>the folder must exist (nothing is created outside the workspace on a person's behalf) and
 *       must not lie inside the workspace, whose files are Concierge's own records.</li>
 * </ul>
 *
 * <p>Links are resolved here, not at run time, so that the person approving sees where the file
 * really goes ({@code /mnt/backup -> /srv/nas/backup} shows the latter); the runner then refuses
 * to deliver when the folder no longer is that real path (see {@code run.Delivery}).
 */
public final class Destinations {
    private final Path workingDirectory;
    private final Path workspaceRoot;

    /** Creates the resolver: relative destinations resolve against {@code workingDirectory}. */
    public Destinations(Path workingDirectory, Path workspaceRoot) {
        this.workingDirectory = workingDirectory;
        this.workspaceRoot = workspaceRoot;
    }

    /**
     * The destination {@code raw} (not empty) as the plan records it; fails with what to do when
     * its folder is missing, is not a folder, or lies inside the workspace. {@code input} names
     * the job input that set it, for the advice.
     */
    public String resolve(String jobId, String input, String raw) {
        String fix = "; set another destination with: bit job set --job-id " + jobId + " " + input + "=PATH";
        String value = raw.strip();
        if (value.startsWith("~") && !value.equals("~") && !value.startsWith("~/")) {
            throw new InvalidInputException("destination '" + value + "' of job " + jobId
                    + ": only ~/ (your home) is expanded; write the full path" + fix);
        }
        Path path;
        try {
            path = absolute(value);
        } catch (InvalidPathException e) {
            throw new InvalidInputException("destination '" + value + "' of job " + jobId + " is not a valid path" + fix);
        }
        boolean intoFolder = value.endsWith("/") || value.equals("~") || Files.isDirectory(path);
        Path folder = intoFolder ? path : path.getParent();
        if (folder == null || !intoFolder && path.getFileName() == null) {
            throw new InvalidInputException("destination '" + value + "' of job " + jobId + " names no file or folder" + fix);
        }
        if (!Files.exists(folder)) {
            throw new NotFoundException("destination folder " + folder + " of job " + jobId
                    + " does not exist; create it first (mkdir -p " + folder + ")" + fix);
        }
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException("destination " + folder + " of job " + jobId + " is not a folder" + fix);
        }
        Path real;
        Path workspace;
        try {
            real = folder.toRealPath();
            workspace = workspaceRoot.toRealPath();
        } catch (IOException e) {
            throw new WorkspaceIoException("resolve the destination folder", folder, e);
        }
        if (real.startsWith(workspace)) {
            throw new InvalidInputException("destination " + value + " of job " + jobId + " lies inside the workspace ("
                    + real + "); the workspace's files are Concierge's own records, so deliver outside it" + fix);
        }
        return intoFolder ? withSlash(real.toString()) : real.resolve(path.getFileName().toString()).toString();
    }

    private Path absolute(String value) {
        String expanded = value;
        if (value.equals("~") || value.startsWith("~/")) {
            // $HOME first: it is what the person's shell expands '~' to (user.home comes from passwd).
            String home = System.getenv("HOME");
            expanded = (home == null || home.isBlank() ? System.getProperty("user.home") : home) + value.substring(1);
        }
        Path path = workingDirectory.getFileSystem().getPath(expanded);
        return (path.isAbsolute() ? path : workingDirectory.resolve(path)).normalize();
    }

    private static String withSlash(String folder) {
        return folder.endsWith("/") ? folder : folder + "/";
    }
}
