package io.concierge.cli.plan;

import io.concierge.cli.CommandGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bit plan}: bind a job's package to its inputs and look at the plans. */
@Command(name = "plan", description = "Generate and inspect a job's plans.",
        subcommands = {PlanGenerateCommand.class, PlanListCommand.class, PlanShowCommand.class})
public final class PlanCommand extends CommandGroup {
    @Spec
    private CommandSpec spec;

    /** Creates the command; picocli fills it. */
    public PlanCommand() {
    }

    @Override
    protected CommandSpec spec() {
        return spec;
    }
}
