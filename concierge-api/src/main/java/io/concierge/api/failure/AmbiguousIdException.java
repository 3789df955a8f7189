package io.concierge.api.failure;

/**
 * An id prefix that matches more than one intent, job or plan; the message lists the candidates.
 *
 * @since 0.1.0
 */
public class AmbiguousIdException extends ConciergeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a one-line message saying what is wrong and what to do.
     *
     * @param message one line: what is wrong and what to do
     */
    public AmbiguousIdException(String message) {
        super(Kind.AMBIGUOUS, message);
    }

    /**
     * Creates the exception with a one-line message and the underlying cause.
     *
     * @param message one line: what is wrong and what to do
     * @param cause   the underlying failure
     */
    public AmbiguousIdException(String message, Throwable cause) {
        super(Kind.AMBIGUOUS, message, cause);
    }
}
