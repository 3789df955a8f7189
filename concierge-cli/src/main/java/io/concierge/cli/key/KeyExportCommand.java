package io.concierge.cli.key;

import io.concierge.api.failure.NotFoundException;
import io.concierge.api.trust.KeyRing;
import io.concierge.api.trust.TrustedKey;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bit key export [--name NAME]}: prints a public key, for another machine's {@code bit key trust}. */
@Command(name = "export", description = "Print NAME's public key (default: yours), to trust elsewhere with bit key trust.")
public final class KeyExportCommand extends BitSubcommand {
    @Option(names = "--name", paramLabel = "NAME", description = "Whose key (default: the OS user).")
    private String name;

    /** Creates the command; picocli fills it. */
    public KeyExportCommand() {
    }

    @Override
    public Integer call() {
        KeyRing keys = bit().keyRing();
        String wanted = name == null || name.isBlank() ? bit().environment().userName() : name;
        TrustedKey key = keys.key(wanted).orElseThrow(() -> new NotFoundException("no key of " + wanted + " in "
                + keys.location() + "; make one with: bit key generate --name " + wanted));
        out().println(key.publicKey());
        return ExitCodes.OK;
    }
}
