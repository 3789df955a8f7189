package io.concierge.cli.config;

import io.concierge.api.Concierge;
import io.concierge.api.failure.NotFoundException;
import io.concierge.api.workspace.ConfigEntry;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.TextFormat;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code bit config get [KEY]}: every setting with its source, or one setting's bare value. */
@Command(name = "get", description = "Show every setting with its source, or the value of KEY alone.")
public final class ConfigGetCommand extends BitSubcommand {
    @Parameters(arity = "0..1", paramLabel = "KEY", description = "A dotted key, e.g. planner.min_confidence.")
    private String key;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public ConfigGetCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            List<ConfigEntry> entries = concierge.config();
            if (key == null) {
                if (json.enabled()) {
                    json().print(out(), views(concierge).list(entries, views(concierge)::config));
                } else {
                    entries.forEach(entry -> out().println(TextFormat.configLine(entry)));
                }
                return ExitCodes.OK;
            }
            ConfigEntry entry = entries.stream().filter(candidate -> candidate.key().equals(key)).findFirst()
                    .orElseThrow(() -> new NotFoundException("no configuration key '" + key
                            + "': 'bit config get' lists them all"));
            if (json.enabled()) {
                json().print(out(), views(concierge).config(entry));
            } else {
                out().println(entry.value());
            }
        }
        return ExitCodes.OK;
    }
}
