package io.concierge.cli;

import io.concierge.api.failure.ConciergeException;
import picocli.CommandLine;

/**
 * The exit codes of {@code bit}, taken from the type of failure. The API only says what kind
 * of failure happened ({@link ConciergeException.Kind}); turning a kind into a number is the
 * command line's business, as turning it into an HTTP status is the server's, so the one table
 * from kind to code is {@link #of(ConciergeException.Kind)}.
 */
public final class ExitCodes {
    /** The command did what it was asked. */
    public static final int OK = 0;
    /** The job or check failed (a FAILED run, a validation with findings). */
    public static final int FAILED = 1;
    /** The command line itself was wrong, or a value given to it. */
    public static final int USAGE = 2;
    /** An id, file or package that does not exist. */
    public static final int NOT_FOUND = 3;
    /** The request is valid but not in the job's current state. */
    public static final int WRONG_STATE = 4;
    /** A workspace, configuration or package file is broken. */
    public static final int BROKEN_WORKSPACE = 5;
    /** An id prefix or a sentence that matches more than one thing. */
    public static final int AMBIGUOUS = 6;
    /** {@code bit wait} gave up: the job was still running when its {@code --timeout} ran out. */
    public static final int TIMEOUT = 7;
    /** A bug: an exception nobody meant to throw ({@code EX_SOFTWARE} of sysexits.h). */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }

    /**
     * The exit code for a failure.
     *
     * @param failure what a command threw
     * @return its exit code
     */
    public static int of(Throwable failure) {
        if (failure instanceof ConciergeException concierge) {
            return of(concierge.kind());
        }
        if (failure instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        return INTERNAL;
    }

    /**
     * The exit code for a kind of failure. A switch without a default, so that a new kind does
     * not compile until it has its code here (as in the server's {@code ErrorMapping}).
     *
     * @param kind the kind of failure
     * @return its exit code
     */
    public static int of(ConciergeException.Kind kind) {
        return switch (kind) {
            case FAILED, INTEGRITY -> FAILED;
            case BAD_REQUEST -> USAGE;
            case NOT_FOUND -> NOT_FOUND;
            case WRONG_STATE -> WRONG_STATE;
            case INVALID_WORKSPACE -> BROKEN_WORKSPACE;
            case AMBIGUOUS -> AMBIGUOUS;
        };
    }
}
