package io.concierge.cli.guide;

/** What {@code bit} may print on standard error while a script succeeds: run progress only. */
final class ScriptOutput {
    private ScriptOutput() {
    }

    /** A progress line of {@code bit run}. */
    static boolean isProgress(String line) {
        return line.matches("run r_\\S+ started") || line.matches("  step \\S+ (started|completed).*");
    }
}
