package io.concierge.cli.intent;

import io.concierge.cli.CommandGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bit intent}: turn sentences into intents and look at them. */
@Command(name = "intent", description = "Turn sentences into intents and look at them.",
        subcommands = {IntentSynthCommand.class, IntentListCommand.class, IntentShowCommand.class,
                IntentExplainCommand.class})
public final class IntentCommand extends CommandGroup {
    @Spec
    private CommandSpec spec;

    /** Creates the command; picocli fills it. */
    public IntentCommand() {
    }

    @Override
    protected CommandSpec spec() {
        return spec;
    }
}
