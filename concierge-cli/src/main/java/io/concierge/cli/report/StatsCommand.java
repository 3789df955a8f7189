package io.concierge.cli.report;

import io.concierge.cli.Since;

import io.concierge.api.Concierge;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.WorkspaceStats;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.TextFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code bit stats [--since WHEN]}: jobs by status, the success rate, run durations per package
 * (runs, median, p95) and jobs created per day.
 */
@Command(name = "stats", description = "Show job totals by status, success rate, run durations per package and jobs per day.")
public final class StatsCommand extends BitSubcommand {
    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only jobs created since an ISO time or date, or a duration back from now (24h, 7d).")
    private String since;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public StatsCommand() {
    }

    @Override
    public Integer call() {
        Instant from;
        try {
            from = Since.parse(since, Instant.now());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try (Concierge concierge = openExisting()) {
            WorkspaceStats stats = concierge.stats(from);
            if (json.enabled()) {
                json().print(out(), views(concierge).stats(stats));
            } else {
                out().println("jobs: " + stats.jobs());
                for (Map.Entry<JobStatus, Long> entry : stats.byStatus().entrySet()) {
                    out().println("  " + entry.getKey().name() + ": " + entry.getValue());
                }
                out().println("success rate: " + String.format(Locale.ROOT, "%.1f%%", stats.successRate() * 100));
                out().println("packages:");
                for (WorkspaceStats.PackageDurations pkg : stats.packages()) {
                    out().println("  " + pkg.packageId() + "  runs " + pkg.runs() + "  median "
                            + TextFormat.seconds(pkg.medianSeconds()) + " s  p95 "
                            + TextFormat.seconds(pkg.p95Seconds()) + " s");
                }
                out().println("jobs per day:");
                for (Map.Entry<LocalDate, Long> day : stats.jobsPerDay().entrySet()) {
                    out().println("  " + day.getKey() + "  " + day.getValue());
                }
            }
        }
        return ExitCodes.OK;
    }
}
