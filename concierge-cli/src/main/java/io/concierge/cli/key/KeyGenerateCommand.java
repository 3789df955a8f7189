package io.concierge.cli.key;

import io.concierge.api.trust.KeyRing;
import io.concierge.api.trust.TrustedKey;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bit key generate [--name NAME]}: a new Ed25519 key pair, the private key kept, the public one trusted. */
@Command(name = "generate", description = "Make an Ed25519 key for NAME (default: you); its public key is trusted here.")
public final class KeyGenerateCommand extends BitSubcommand {
    @Option(names = "--name", paramLabel = "NAME", description = "Whose key (default: the OS user); 'runner' seals runs.")
    private String name;

    /** Creates the command; picocli fills it. */
    public KeyGenerateCommand() {
    }

    @Override
    public Integer call() {
        KeyRing keys = bit().keyRing();
        TrustedKey key = keys.generate(name == null || name.isBlank() ? bit().environment().userName() : name);
        out().println(KeyListCommand.line(key));
        out().println("private key kept in " + keys.location() + "; share the public key with: bit key export --name " + key.name());
        return ExitCodes.OK;
    }
}
