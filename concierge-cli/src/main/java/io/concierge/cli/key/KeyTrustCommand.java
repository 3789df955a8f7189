package io.concierge.cli.key;

import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bit key trust --name NAME --public-key B64}: pins another approver's (or runner's) public key. */
@Command(name = "trust", description = "Trust PUBLIC-KEY (from bit key export) as NAME's key: their signatures then count here.")
public final class KeyTrustCommand extends BitSubcommand {
    @Option(names = "--name", paramLabel = "NAME", required = true, description = "Whose key it is.")
    private String name;

    @Option(names = "--public-key", paramLabel = "B64", required = true, description = "The public key, as bit key export prints it.")
    private String publicKey;

    /** Creates the command; picocli fills it. */
    public KeyTrustCommand() {
    }

    @Override
    public Integer call() {
        out().println(KeyListCommand.line(bit().keyRing().trust(name, publicKey)));
        return ExitCodes.OK;
    }
}
