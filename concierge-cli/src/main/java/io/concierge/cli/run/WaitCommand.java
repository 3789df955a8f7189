package io.concierge.cli.run;

import io.concierge.api.Concierge;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.StatusReport;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import java.time.Duration;
import io.concierge.cli.JobArgument;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code bit wait JOB [--for completed|ended] [--timeout SECONDS]}: waits until the job's run has
 * ended, then prints {@code status: <STATUS>}. With {@code --for completed} (the default) exit 0
 * means COMPLETED and 1 FAILED or HALTED; with {@code --for ended} any end is exit 0. Exit 7 when
 * the timeout ran out first. A job that nothing is running is an error (exit 4) rather than a
 * silent success: a DRAFT or PLANNED job at once; an APPROVED one that no run has started yet
 * unless {@code --timeout} says how long to wait for one (e.g. another {@code bit run}).
 */
@Command(name = "wait", description = "Wait until a job's run ends; print its status.",
        footer = {"", "Exit codes: 0 COMPLETED (or, with --for ended, any end), 1 FAILED or HALTED,",
            "4 nothing is running the job (DRAFT, PLANNED, or APPROVED and never started without --timeout),",
            "7 still running when --timeout ran out."})
public final class WaitCommand extends BitSubcommand {
    /** How often the job's status is read. */
    static final Duration POLL = Duration.ofMillis(200);

    /** What {@code bit wait} waits for. */
    enum Condition {
        /** The run ended; exit 0 only if it COMPLETED. */
        COMPLETED,
        /** The run ended, however it ended. */
        ENDED
    }

    @Mixin
    private JobArgument jobArgument;

    @Option(names = "--for", paramLabel = "completed|ended", defaultValue = "completed",
            converter = ConditionConverter.class,
            description = "completed: exit 0 only when the run COMPLETED (default); ended: exit 0 once it ended at all.")
    private Condition condition;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Give up after this many seconds (exit 7); default: wait as long as it takes.")
    private Double timeoutSeconds;

    /** Creates the command; picocli fills it. */
    public WaitCommand() {
    }

    @Override
    public Integer call() throws InterruptedException {
        if (timeoutSeconds != null && !(timeoutSeconds >= 0)) {
            throw new ParameterException(spec.commandLine(), "--timeout must be 0 or more seconds, not " + timeoutSeconds);
        }
        long deadline = timeoutSeconds == null ? Long.MAX_VALUE
                : System.nanoTime() + Math.round(timeoutSeconds * 1e9);
        try (Concierge concierge = openExisting()) {
            String startedRun = null;
            while (true) {
                StatusReport report = concierge.status(jobArgument.id());
                JobStatus status = report.job().status();
                String lastRun = report.lastRun().map(run -> run.id()).orElse(null);
                if (startedRun == null && running(report)) {
                    startedRun = lastRun;
                }
                if (ended(report, startedRun)) {
                    out().println("status: " + status.name());
                    // An interrupted run (its runner died) did not complete, whatever the job file says.
                    boolean completed = status == JobStatus.COMPLETED && !report.interrupted();
                    return completed || condition == Condition.ENDED ? ExitCodes.OK : ExitCodes.FAILED;
                }
                if (!running(report) && (status == JobStatus.DRAFT || status == JobStatus.PLANNED
                        || (status == JobStatus.APPROVED && timeoutSeconds == null))) {
                    throw new ConciergeException(ConciergeException.Kind.WRONG_STATE, "job " + report.job().id()
                            + " is " + status.name() + " and nothing is running it: "
                            + (status == JobStatus.APPROVED
                                    ? "run it (bit run " + report.job().id() + "), or give --timeout to wait for a run to start"
                                    : "approve it (bit approve " + report.job().id() + ") and run it first"));
                }
                if (System.nanoTime() - deadline >= 0) {
                    out().println("status: " + status.name());
                    err().println("bit: job " + report.job().id() + (running(report) ? " is still running after "
                            : " was not started within ") + timeoutSeconds + " s");
                    return ExitCodes.TIMEOUT;
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    /**
     * Whether the run we wait for has ended: the job is in an end state (or its runner died) and
     * no run is at work; an APPROVED job ended only if a run we saw start is over.
     */
    static boolean ended(StatusReport report, String startedRun) {
        if (running(report)) {
            return false;
        }
        JobStatus status = report.job().status();
        if (report.interrupted() || status == JobStatus.COMPLETED || status == JobStatus.FAILED
                || status == JobStatus.HALTED) {
            return true;
        }
        // APPROVED again after a run we watched (e.g. a resume that was refused): that run is over.
        return startedRun != null && status == JobStatus.APPROVED;
    }

    /**
     * Whether a runner is at work on the job: RUNNING with a live runner, or a run that has
     * started and not ended yet. An interrupted run (no runner alive) counts as stopped.
     */
    static boolean running(StatusReport report) {
        if (report.interrupted()) {
            return false;
        }
        if (report.job().status() == JobStatus.RUNNING) {
            return true;
        }
        return report.job().status() == JobStatus.APPROVED
                && report.lastRun().map(run -> run.endedAt() == null).orElse(false);
    }

    /** Reads {@code --for} case-insensitively, naming the choices when it is wrong. */
    static final class ConditionConverter implements ITypeConverter<Condition> {
        @Override
        public Condition convert(String value) {
            try {
                return Condition.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a condition: use completed or ended");
            }
        }
    }
}
