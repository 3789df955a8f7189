package io.concierge.cli.pkg;

import io.concierge.cli.CommandGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bit package}: the task packages known to the workspace. */
@Command(name = "package", description = "List, show, search and validate task packages.",
        subcommands = {PackageListCommand.class, PackageShowCommand.class, PackageSearchCommand.class,
            PackageValidateCommand.class})
public final class PackageCommand extends CommandGroup {
    @Spec
    private CommandSpec spec;

    /** Creates the command; picocli fills it. */
    public PackageCommand() {
    }

    @Override
    protected CommandSpec spec() {
        return spec;
    }
}
