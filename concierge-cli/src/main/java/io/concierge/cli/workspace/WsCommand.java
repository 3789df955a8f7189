package io.concierge.cli.workspace;

import io.concierge.cli.CommandGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bit ws}: choose and inspect the workspace. */
@Command(name = "ws", description = "Choose and inspect the workspace.",
        subcommands = {WsOpenCommand.class, WsShowCommand.class})
public final class WsCommand extends CommandGroup {
    @Spec
    private CommandSpec spec;

    /** Creates the command; picocli fills it. */
    public WsCommand() {
    }

    @Override
    protected CommandSpec spec() {
        return spec;
    }
}
