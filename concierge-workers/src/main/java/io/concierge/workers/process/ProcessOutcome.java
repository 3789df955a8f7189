package io.concierge.workers.process;

import java.util.List;

/**
 * How an external process ended.
 *
 * @param exitCode   the process's exit code (after a stop, whatever the killed process reported)
 * @param stderrTail the last lines the process wrote to standard error, oldest first
 * @param stopped    whether the process was stopped because a stop was requested
 */
public record ProcessOutcome(int exitCode, List<String> stderrTail, boolean stopped) {

    /** Copies the list so the record stays immutable. */
    public ProcessOutcome {
        stderrTail = List.copyOf(stderrTail);
    }

    /** Whether the process ran to the end and exited with 0. */
    public boolean succeeded() {
        return !stopped && exitCode == 0;
    }

    /**
     * The last {@code count} non-blank standard-error lines, stripped, oldest first: the part
     * of a tool's chatter that usually says why it failed.
     */
    public List<String> lastMeaningfulLines(int count) {
        List<String> meaningful = stderrTail.stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
        return meaningful.subList(Math.max(0, meaningful.size() - count), meaningful.size());
    }
}
