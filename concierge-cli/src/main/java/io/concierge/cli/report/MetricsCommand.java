package io.concierge.cli.report;

import io.concierge.api.Concierge;
import io.concierge.api.run.StepState;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.JobArgument;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bit metrics --job-id ID [--format csv|json]}: one record per step of the job's latest
 * run: its status, attempts and duration. CSV has the header
 * {@code step_id,status,attempts,duration_seconds}.
 */
@Command(name = "metrics", description = "Export the per-step metrics of a job's latest run as CSV or JSON.")
public final class MetricsCommand extends BitSubcommand {
    /** The output formats. */
    enum Format { csv, json }

    @Mixin
    private JobArgument jobArgument;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv",
            description = "csv or json (default: ${DEFAULT-VALUE}).")
    private Format format;

    /** Creates the command; picocli fills it. */
    public MetricsCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            List<StepState> steps = concierge.status(jobArgument.id()).steps();
            if (format == Format.json) {
                json().print(out(), views(concierge).list(steps, views(concierge)::stepState));
            } else {
                out().println("step_id,status,attempts,duration_seconds");
                for (StepState step : steps) {
                    out().println(csv(step.stepId()) + "," + csv(step.state()) + "," + step.attempts() + ","
                            + String.format(Locale.ROOT, "%.3f", step.duration()));
                }
            }
        }
        return ExitCodes.OK;
    }

    /** A CSV field, quoted when it needs to be (RFC 4180). */
    static String csv(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
