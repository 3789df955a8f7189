package io.concierge.cli.run;

import io.concierge.api.Concierge;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.StatusReport;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code bit wait --job-id ID [--timeout SECONDS]}: waits until the job is no longer running,
 * then prints {@code status: <STATUS>}. Exit 0 COMPLETED, 1 FAILED or HALTED, 7 when the
 * timeout ran out first; a job that is not running (and never was) is reported at once.
 */
@Command(name = "wait", description = "Wait until a job stops running; print its status.",
        footer = {"", "Exit codes: 0 COMPLETED, 1 FAILED or HALTED,",
            "7 still running when --timeout ran out.",
            "A DRAFT, PLANNED or APPROVED job nobody runs is reported at once (exit 0)."})
public final class WaitCommand extends BitSubcommand {
    /** How often the job's status is read. */
    static final Duration POLL = Duration.ofMillis(200);

    @Option(names = "--job-id", required = true, paramLabel = "ID", description = "Job id or unique prefix.")
    private String jobId;

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
            while (true) {
                StatusReport report = concierge.status(jobId);
                if (!running(report)) {
                    JobStatus status = report.job().status();
                    out().println("status: " + status.name());
                    // An interrupted run (its runner died) did not complete, whatever the job file says.
                    return status.isUnsuccessful() || report.interrupted() ? ExitCodes.FAILED : ExitCodes.OK;
                }
                if (System.nanoTime() - deadline >= 0) {
                    out().println("status: " + report.job().status().name());
                    err().println("bit: job " + report.job().id() + " is still running after "
                            + timeoutSeconds + " s");
                    return ExitCodes.TIMEOUT;
                }
                Thread.sleep(POLL.toMillis());
            }
        }
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
}
