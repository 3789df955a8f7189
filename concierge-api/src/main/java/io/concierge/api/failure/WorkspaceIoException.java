package io.concierge.api.failure;

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
 * A workspace file or folder could not be read, written, listed or locked: its permissions, a
 * full disk or a file of the wrong kind in its place stood in the way. The message names the
 * file and the reason, for example:
 *
 * <pre>
 * cannot append to event log /srv/ws/jobs/j_01../logs/run-r_01...jsonl (permission denied);
 * check that the workspace's files can be read and written and that its disk has free space
 * </pre>
 *
 * <p>It is an {@link InvalidWorkspaceException}, so {@code bit} exits with the code of a broken
 * workspace.
 *
 * @since 0.1.0
 */
public class WorkspaceIoException extends InvalidWorkspaceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a one-line message and the I/O failure behind it.
     *
     * @param message one line: which file, what went wrong and what to do
     * @param cause   the underlying failure
     */
    public WorkspaceIoException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception for a failure of {@code doing} on {@code file}, phrased as in the
     * class comment: which file, the reason in words, what to do.
     *
     * @param doing what was being done, as a verb phrase, e.g. "append to event log"
     * @param file  the file or folder it was done to
     * @param cause what the file system said
     */
    public WorkspaceIoException(String doing, Path file, IOException cause) {
        this("cannot " + doing + " " + file + " (" + reason(cause) + "); check that the workspace's files can be"
                + " read and written and that its disk has free space", cause);
    }

    /**
     * The reason of an I/O failure in a few words: the JDK's {@code AccessDeniedException} and
     * {@code NoSuchFileException} carry only the path.
     *
     * @param e the failure
     * @return e.g. "permission denied", "it does not exist", "input/output error"
     */
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
