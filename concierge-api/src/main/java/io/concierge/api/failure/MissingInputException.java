package io.concierge.api.failure;

/**
 * A required job input has no value at planning or run time; the message names the input and how to set it.
 *
 * @since 0.1.0
 */
public class MissingInputException extends ConciergeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a one-line message saying what is wrong and what to do.
     *
     * @param message one line: what is wrong and what to do
     */
    public MissingInputException(String message) {
        super(Kind.BAD_REQUEST, message);
    }

    /**
     * Creates the exception with a one-line message and the underlying cause.
     *
     * @param message one line: what is wrong and what to do
     * @param cause   the underlying failure
     */
    public MissingInputException(String message, Throwable cause) {
        super(Kind.BAD_REQUEST, message, cause);
    }
}
