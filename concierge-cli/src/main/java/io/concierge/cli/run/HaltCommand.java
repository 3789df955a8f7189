package io.concierge.cli.run;

import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.JobArgument;
import io.concierge.cli.output.JsonOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bit halt --job-id ID [--by NAME]}: asks the job's runner, in whatever process it is,
 * to stop; the job becomes HALTED. Returns at once; exit 4 when the job is not running.
 */
@Command(name = "halt", description = "Stop a RUNNING job (from any process); it becomes HALTED.")
public final class HaltCommand extends BitSubcommand {
    @Mixin
    private JobArgument jobArgument;

    @Option(names = "--by", paramLabel = "NAME", description = "Who halts it (default: the OS user).")
    private String by;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public HaltCommand() {
    }

    @Override
    public Integer call() {
        String who = by == null || by.isBlank() ? bit().environment().userName() : by.strip();
        try (Concierge concierge = openExisting()) {
            Job job = concierge.halt(jobArgument.id(), who);
            if (json.enabled()) {
                json().print(out(), views(concierge).job(job));
            } else {
                out().println("job " + job.id() + " halt requested by " + who);
            }
        }
        return ExitCodes.OK;
    }
}
