package io.concierge.api.failure;

/**
 * A value given by the caller is malformed or hostile: a bad input value, config value, path or text.
 *
 * @since 0.1.0
 */
public class InvalidInputException extends ConciergeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a one-line message saying what is wrong and what to do.
     *
     * @param message one line: what is wrong and what to do
     */
    public InvalidInputException(String message) {
        super(Kind.BAD_REQUEST, message);
    }

    /**
     * Creates the exception with a one-line message and the underlying cause.
     *
     * @param message one line: what is wrong and what to do
     * @param cause   the underlying failure
     */
    public InvalidInputException(String message, Throwable cause) {
        super(Kind.BAD_REQUEST, message, cause);
    }
}
