package io.concierge.cli.key;

import io.concierge.api.failure.NotFoundException;
import io.concierge.api.trust.KeyRing;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bit key revoke --name NAME}: stops trusting NAME's key here (and deletes its private key if held). */
@Command(name = "revoke", description = "Stop trusting NAME's key (its approvals no longer count here); deletes its private key if held.")
public final class KeyRevokeCommand extends BitSubcommand {
    @Option(names = "--name", paramLabel = "NAME", required = true, description = "Whose key.")
    private String name;

    /** Creates the command; picocli fills it. */
    public KeyRevokeCommand() {
    }

    @Override
    public Integer call() {
        KeyRing keys = bit().keyRing();
        if (!keys.revoke(name)) {
            throw new NotFoundException("no key of " + name + " in " + keys.location() + "; see the keys with: bit key list");
        }
        out().println("revoked " + name.strip() + " in " + keys.location());
        return ExitCodes.OK;
    }
}
