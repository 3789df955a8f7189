package io.concierge.cli.intent;

import io.concierge.api.Concierge;
import io.concierge.api.intent.Intent;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.WorkText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bit intent show --intent-id ID}: everything the synthesizer read from the sentence. */
@Command(name = "show", description = "Show one intent.")
public final class IntentShowCommand extends BitSubcommand {
    @Option(names = "--intent-id", required = true, paramLabel = "ID", description = "Intent id or unique prefix.")
    private String intentId;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public IntentShowCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            Intent intent = concierge.intent(intentId);
            if (json.enabled()) {
                json().print(out(), views(concierge).intent(intent));
            } else {
                WorkText.intentDetails(intent).forEach(out()::println);
            }
        }
        return ExitCodes.OK;
    }
}
