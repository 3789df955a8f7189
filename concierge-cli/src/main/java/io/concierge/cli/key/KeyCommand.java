package io.concierge.cli.key;

import io.concierge.cli.CommandGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bit key}: keys that sign approvals and seal runs, kept in $CONCIERGE_HOME or ~/.config/concierge. */
@Command(name = "key", description = "Manage the keys that sign approvals and seal runs, and the public keys trusted.",
        subcommands = {KeyGenerateCommand.class, KeyListCommand.class, KeyExportCommand.class, KeyTrustCommand.class,
                KeyRevokeCommand.class})
public final class KeyCommand extends CommandGroup {
    @Spec
    private CommandSpec spec;

    /** Creates the command; picocli fills it. */
    public KeyCommand() {
    }

    @Override
    protected CommandSpec spec() {
        return spec;
    }
}
