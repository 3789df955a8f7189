package io.concierge.cli.run;

import io.concierge.api.Concierge;
import io.concierge.api.run.StatusReport;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.JobArgument;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.WorkText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bit status --job-id ID}: the job's status line, its latest run and each step's state. */
@Command(name = "status", description = "Show a job's status, its latest run and the state of each step.")
public final class StatusCommand extends BitSubcommand {
    @Mixin
    private JobArgument jobArgument;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public StatusCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            StatusReport report = concierge.status(jobArgument.id());
            if (json.enabled()) {
                json().print(out(), views(concierge).status(report));
            } else {
                WorkText.statusDetails(report).forEach(out()::println);
            }
        }
        return ExitCodes.OK;
    }
}
