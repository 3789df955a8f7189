package io.concierge.cli.job;

import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.WorkText;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code bit job list}: one line per job, oldest first, so that {@code wc -l} counts jobs and
 * {@code tail -1 | awk '{print $1}'} is the job just created.
 */
@Command(name = "list", description = "List jobs, oldest first (one per line).")
public final class JobListCommand extends BitSubcommand {
    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public JobListCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            List<Job> jobs = concierge.jobs();
            if (json.enabled()) {
                json().print(out(), views(concierge).list(jobs, views(concierge)::job));
                return ExitCodes.OK;
            }
            if (bit().environment().interactive()) {
                out().println(WorkText.jobHeader());
            }
            jobs.forEach(job -> out().println(WorkText.jobLine(job)));
        }
        return ExitCodes.OK;
    }
}
