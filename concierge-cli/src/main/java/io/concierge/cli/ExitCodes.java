package io.concierge.cli;

import io.concierge.api.failure.ConciergeException;
import picocli.CommandLine;

/**
 * The exit codes of {@code bit}, taken from the type of failure. Concierge failures carry
 * their own code ({@link ConciergeException.Kind#exitCode()}); the rest are fixed here.
 */
public final class ExitCodes {
    /** The command did what it was asked. */
    public static final int OK = 0;
    /** The job or check failed (a FAILED run, a validation with findings). */
    public static final int FAILED = 1;
    /** The command line itself was wrong. */
    public static final int USAGE = 2;
    /** {@code bit wait} gave up: the job was still running when its {@code --timeout} ran out. */
    public static final int TIMEOUT = 7;
    /** A bug: an exception nobody meant to throw ({@code EX_SOFTWARE} of sysexits.h). */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }

    /** The exit code for a failure. */
    public static int of(Throwable failure) {
        if (failure instanceof ConciergeException concierge) {
            return concierge.kind().exitCode();
        }
        if (failure instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        return INTERNAL;
    }
}
