package io.concierge.cli.job;

import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.JobArgument;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.WorkText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bit job show --job-id ID}: the job with one {@code status: <STATUS>} line for scripts to grep. */
@Command(name = "show", description = "Show one job: status, package, inputs, plan, approvals, last run.")
public final class JobShowCommand extends BitSubcommand {
    @Mixin
    private JobArgument jobArgument;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public JobShowCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            Job job = concierge.job(jobArgument.id());
            if (json.enabled()) {
                json().print(out(), views(concierge).job(job));
            } else {
                WorkText.jobDetails(job).forEach(out()::println);
            }
        }
        return ExitCodes.OK;
    }
}
