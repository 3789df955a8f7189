package io.concierge.cli.agent;

import io.concierge.api.agent.AgentListener;
import io.concierge.api.run.Run;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * What {@code bit agent} prints: one line on standard output per claim and per finished run
 * (for scripts and journald), and one on standard error per job it had to leave to others.
 * Several runs end at once, so each line is written whole under the stream's lock.
 */
final class AgentLines implements AgentListener {
    private final PrintWriter out;
    private final PrintWriter err;

    AgentLines(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void claimed(String jobId, String packageRef, boolean resumes) {
        print(out, "claimed " + jobId + " (" + packageRef + ")" + (resumes ? ", resuming its interrupted run" : ""));
    }

    @Override
    public void finished(Run run) {
        print(out, finishedLine(run));
    }

    @Override
    public void skipped(String jobId, String reason) {
        print(err, "bit: agent: cannot start " + jobId + ": " + reason);
    }

    @Override
    public void leaseLost(String jobId) {
        print(err, "bit: agent: lost the lease on " + jobId + " to another agent; halting its run here");
    }

    /** {@code completed j_... in 3.2 s}, {@code failed j_...: reason}, {@code halted j_...: reason}. */
    static String finishedLine(Run run) {
        return switch (run.status()) {
            case COMPLETED -> "completed " + run.jobId() + " in " + String.format(Locale.ROOT, "%.1f",
                    Duration.between(run.startedAt(), run.endedAt()).toMillis() / 1000.0) + " s";
            case HALTED -> "halted " + run.jobId() + ": " + oneLine(run.error());
            default -> "failed " + run.jobId() + ": " + oneLine(run.error());
        };
    }

    static void print(PrintWriter stream, String line) {
        synchronized (stream) {
            stream.println(line);
            stream.flush();
        }
    }

    private static String oneLine(String text) {
        return text == null || text.isBlank() ? "no reason given" : text.strip().lines().findFirst().orElse("");
    }
}
