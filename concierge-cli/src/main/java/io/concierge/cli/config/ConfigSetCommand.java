package io.concierge.cli.config;

import io.concierge.api.Concierge;
import io.concierge.api.workspace.ConfigEntry;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.TextFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code bit config set KEY VALUE}: validated, then written to {@code concierge.json}. */
@Command(name = "set", description = "Set KEY to VALUE in concierge.json (validated first).")
public final class ConfigSetCommand extends BitSubcommand {
    @Parameters(index = "0", paramLabel = "KEY", description = "A dotted key, e.g. planner.min_confidence.")
    private String key;

    @Parameters(index = "1", paramLabel = "VALUE", description = "Its new value.")
    private String value;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public ConfigSetCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            ConfigEntry entry = concierge.setConfig(key, value);
            if (json.enabled()) {
                json().print(out(), views(concierge).config(entry));
            } else {
                out().println(TextFormat.configLine(entry));
            }
        }
        return ExitCodes.OK;
    }
}
