package io.concierge.cli.intent;

import io.concierge.api.Concierge;
import io.concierge.api.intent.Intent;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.WorkText;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code bit intent list}: one line per intent, least recently synthesized first, so that
 * {@code bit intent list | tail -1 | awk '{print $1}'} is the intent just synthesized.
 */
@Command(name = "list", description = "List intents, least recently synthesized first (one per line).")
public final class IntentListCommand extends BitSubcommand {
    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public IntentListCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            List<Intent> intents = concierge.intents();
            if (json.enabled()) {
                json().print(out(), views(concierge).list(intents, views(concierge)::intent));
                return ExitCodes.OK;
            }
            if (bit().environment().interactive()) {
                out().println(WorkText.intentHeader());
            }
            intents.forEach(intent -> out().println(WorkText.intentLine(intent)));
        }
        return ExitCodes.OK;
    }
}
