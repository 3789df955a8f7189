package io.concierge.cli.key;

import io.concierge.api.trust.TrustedKey;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.output.JsonOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bit key list}: one line per trusted key: name, algorithm, public key, and whether its private key is here. */
@Command(name = "list", description = "List the trusted keys: name, algorithm, public key, private|public.")
public final class KeyListCommand extends BitSubcommand {
    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public KeyListCommand() {
    }

    @Override
    public Integer call() {
        List<TrustedKey> keys = bit().keyRing().trusted();
        if (json.enabled()) {
            List<Map<String, Object>> items = keys.stream().map(k -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("name", k.name());
                item.put("algorithm", k.algorithm());
                item.put("public_key", k.publicKey());
                item.put("private_key_held", k.privateKeyHeld());
                return item;
            }).toList();
            json().print(out(), items);
        } else {
            keys.forEach(k -> out().println(line(k)));
        }
        return ExitCodes.OK;
    }

    static String line(TrustedKey key) {
        return key.name() + " " + key.algorithm() + " " + key.publicKey() + " " + (key.privateKeyHeld() ? "private" : "public");
    }
}
