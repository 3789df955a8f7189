package io.concierge.api.failure;

/**
 * A workspace, its configuration or one of its files (job.yaml, package.yaml, concierge.json) is missing or malformed.
 *
 * @since 0.1.0
 */
public class InvalidWorkspaceException extends ConciergeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a one-line message saying what is wrong and what to do.
     *
     * @param message one line: what is wrong and what to do
     */
    public InvalidWorkspaceException(String message) {
        super(Kind.INVALID_WORKSPACE, message);
    }

    /**
     * Creates the exception with a one-line message and the underlying cause.
     *
     * @param message one line: what is wrong and what to do
     * @param cause   the underlying failure
     */
    public InvalidWorkspaceException(String message, Throwable cause) {
        super(Kind.INVALID_WORKSPACE, message, cause);
    }
}
