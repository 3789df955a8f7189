package io.concierge.cli;

import io.concierge.api.failure.ConciergeException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into exactly one line on standard error and an exit code: scripts see
 * {@code bit: <what is wrong and what to do>}, never a stack trace (unless {@code BIT_DEBUG=1}).
 */
final class FailureReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private final boolean debug;

    FailureReporter(boolean debug) {
        this.debug = debug;
    }

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parsed) {
        if (failure instanceof ParameterException usage) {
            // Group commands report a missing subcommand this way while executing.
            return handleParseException(usage, new String[0]);
        }
        PrintWriter err = commandLine.getErr();
        if (failure instanceof ConciergeException) {
            err.println("bit: " + oneLine(failure.getMessage(), failure));
        } else {
            err.println("bit: internal error: " + failure.getClass().getName() + ": "
                    + oneLine(failure.getMessage(), failure));
            if (debug) {
                failure.printStackTrace(err);
            }
        }
        err.flush();
        return ExitCodes.of(failure);
    }

    @Override
    public int handleParseException(ParameterException usage, String[] args) {
        CommandLine commandLine = usage.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("bit: " + oneLine(firstLine(usage.getMessage()), usage)
                + " (see '" + commandLine.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** Only the first line: picocli adds suggestions on further lines, which we leave to --help. */
    private static String firstLine(String message) {
        if (message == null) {
            return null;
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    /** A message fit for one line; a message-less exception is named by its class. */
    static String oneLine(String message, Throwable failure) {
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
