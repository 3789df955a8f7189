package io.concierge.api.failure;

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
}
