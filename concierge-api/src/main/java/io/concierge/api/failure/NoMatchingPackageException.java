package io.concierge.api.failure;

/**
 * No task package matches an intent well enough; the message lists the closest candidates.
 *
 * @since 0.1.0
 */
public class NoMatchingPackageException extends ConciergeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a one-line message saying what is wrong and what to do.
     *
     * @param message one line: what is wrong and what to do
     */
    public NoMatchingPackageException(String message) {
        super(Kind.NOT_FOUND, message);
    }

    /**
     * Creates the exception with a one-line message and the underlying cause.
     *
     * @param message one line: what is wrong and what to do
     * @param cause   the underlying failure
     */
    public NoMatchingPackageException(String message, Throwable cause) {
        super(Kind.NOT_FOUND, message, cause);
    }
}
