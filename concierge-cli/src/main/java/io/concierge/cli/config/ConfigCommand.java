package io.concierge.cli.config;

import io.concierge.cli.CommandGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bit config}: the workspace's settings in {@code concierge.json}. */
@Command(name = "config", description = "Read and change the workspace's concierge.json.",
        subcommands = {ConfigGetCommand.class, ConfigSetCommand.class})
public final class ConfigCommand extends CommandGroup {
    @Spec
    private CommandSpec spec;

    /** Creates the command; picocli fills it. */
    public ConfigCommand() {
    }

    @Override
    protected CommandSpec spec() {
        return spec;
    }
}
