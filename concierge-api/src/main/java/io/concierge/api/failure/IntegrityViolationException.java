package io.concierge.api.failure;

/**
 * A job spec, plan, log or artifact no longer matches the hash recorded for it.
 *
 * @since 0.1.0
 */
public class IntegrityViolationException extends ConciergeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a one-line message saying what is wrong and what to do.
     *
     * @param message one line: what is wrong and what to do
     */
    public IntegrityViolationException(String message) {
        super(Kind.INTEGRITY, message);
    }

    /**
     * Creates the exception with a one-line message and the underlying cause.
     *
     * @param message one line: what is wrong and what to do
     * @param cause   the underlying failure
     */
    public IntegrityViolationException(String message, Throwable cause) {
        super(Kind.INTEGRITY, message, cause);
    }
}
