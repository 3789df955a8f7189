package io.concierge.cli;

/** Starts {@code bit}: the process exit code is whatever the command line returns. */
public final class Main {
    private Main() {
    }

    /** Runs {@code bit} with the process's arguments, environment and standard streams. */
    public static void main(String[] args) {
        System.exit(BitCommandLine.forProcess().execute(args));
    }
}
