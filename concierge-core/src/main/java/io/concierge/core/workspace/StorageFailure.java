package io.concierge.core.workspace;

import io.concierge.api.failure.WorkspaceIoException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns an {@link IOException} met while working on the workspace's own files into a
 * {@link WorkspaceIoException} whose one line says which file, what went wrong in words (the JDK's
 * {@code AccessDeniedException} carries only the path) and what to do.
 */
public final class StorageFailure {
    private StorageFailure() {
    }

    /**
     * The failure of {@code doing} (e.g. "write", "append to event log") on {@code file}.
     *
     * @param doing what was being done, as a verb phrase
     * @param file  the file or folder it was done to
     * @param e     what the file system said
     */
    public static WorkspaceIoException of(String doing, Path file, IOException e) {
        return new WorkspaceIoException("cannot " + doing + " " + file + " (" + reason(e) + "); check that the"
                + " workspace's files can be read and written and that its disk has free space", e);
    }

    /** The reason of an I/O failure in a few words. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "it does not exist";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "a file stands where a folder should be";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the folder is not empty";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT);
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.toLowerCase(Locale.ROOT);
    }
}
