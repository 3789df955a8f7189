package io.concierge.api.failure;

/**
 * The root of every exception Concierge throws on purpose.
 *
 * <p>Each subtype names one kind of problem; its message is one line that says what is wrong
 * and what to do about it, fit to be shown to a person as it is:
 *
 * <pre>{@code
 * try {
 *     concierge.run(jobId, RunOptions.defaults());
 * } catch (InvalidTransitionException e) {
 *     System.err.println(e.getMessage()); // "job j_01.. is PLANNED, not APPROVED: approve it first ..."
 * }
 * }</pre>
 *
 * <p>The {@link #kind()} lets a caller (the {@code bit} command line among them) map a failure
 * to an exit code or an HTTP status without a chain of {@code instanceof} checks; those
 * mappings live with the callers, not here.
 *
 * @since 0.1.0
 */
public class ConciergeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Broad classes of failure. What a kind means to a caller is the caller's choice: {@code bit}
     * maps each to an exit code, the HTTP server to a status.
     */
    public enum Kind {
        /** A job ran and failed, or a check found a problem. */
        FAILED,
        /** The caller asked for something malformed: a bad value, option or input. */
        BAD_REQUEST,
        /** An id, file or package that does not exist. */
        NOT_FOUND,
        /** The request is valid but not in the job's current state. */
        WRONG_STATE,
        /** A workspace, configuration or package file is broken. */
        INVALID_WORKSPACE,
        /** The request matches more than one thing. */
        AMBIGUOUS,
        /** A stored record does not match its recorded hash. */
        INTEGRITY
    }

    /** The class of failure. */
    private final Kind kind;

    /**
     * Creates an exception of the given kind with a one-line message.
     *
     * @param kind    the class of failure
     * @param message one line: what is wrong and what to do
     */
    public ConciergeException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /**
     * Creates an exception of the given kind with a one-line message and its cause.
     *
     * @param kind    the class of failure
     * @param message one line: what is wrong and what to do
     * @param cause   the underlying failure
     */
    public ConciergeException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /**
     * What class of failure this is.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }
}
