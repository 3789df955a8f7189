package io.concierge.api.failure;

/**
 * Two or more task packages match an intent about equally well; the message lists them so the caller can choose.
 *
 * @since 0.1.0
 */
public class AmbiguousIntentException extends ConciergeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a one-line message saying what is wrong and what to do.
     *
     * @param message one line: what is wrong and what to do
     */
    public AmbiguousIntentException(String message) {
        super(Kind.AMBIGUOUS, message);
    }

    /**
     * Creates the exception with a one-line message and the underlying cause.
     *
     * @param message one line: what is wrong and what to do
     * @param cause   the underlying failure
     */
    public AmbiguousIntentException(String message, Throwable cause) {
        super(Kind.AMBIGUOUS, message, cause);
    }
}
