package io.concierge.cli.job;

import io.concierge.cli.CommandGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bit job}: make jobs from intents, inspect, edit and check them. */
@Command(name = "job", description = "Make jobs from intents; inspect, edit and check them.",
        subcommands = {JobFromIntentCommand.class, JobListCommand.class, JobShowCommand.class,
            JobSetCommand.class, JobValidateCommand.class})
public final class JobCommand extends CommandGroup {
    @Spec
    private CommandSpec spec;

    /** Creates the command; picocli fills it. */
    public JobCommand() {
    }

    @Override
    protected CommandSpec spec() {
        return spec;
    }
}
