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
 * to an exit code or an HTTP status without a chain of {@code instanceof} checks.
 */
public class ConciergeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Broad classes of failure, each with its own {@code bit} exit code. */
    public enum Kind {
        /** A job ran and failed, or a check found a problem (exit 1). */
        FAILED(1),
        /** The caller asked for something malformed: a bad value, option or input (exit 2). */
        BAD_REQUEST(2),
        /** An id, file or package that does not exist (exit 3). */
        NOT_FOUND(3),
        /** The request is valid but not in the job's current state (exit 4). */
        WRONG_STATE(4),
        /** A workspace, configuration or package file is broken (exit 5). */
        INVALID_WORKSPACE(5),
        /** The request matches more than one thing (exit 6). */
        AMBIGUOUS(6),
        /** A stored record does not match its recorded hash (exit 1). */
        INTEGRITY(1);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        /**
         * The exit code {@code bit} uses for this kind of failure.
         *
         * @return the exit code, from 1 to 6
         */
        public int exitCode() {
            return exitCode;
        }
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
