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

/** {@code bit intent synth --text T}: distils a sentence into an intent (the workspace is created if needed). */
@Command(name = "synth", description = "Distil a sentence into an intent; it becomes the newest one.")
public final class IntentSynthCommand extends BitSubcommand {
    @Option(names = "--text", required = true, paramLabel = "TEXT", description = "What you want done.")
    private String text;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public IntentSynthCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openOrCreate()) {
            Intent intent = concierge.synthesize(text);
            if (json.enabled()) {
                json().print(out(), views(concierge).intent(intent));
            } else {
                WorkText.intentDetails(intent).forEach(out()::println);
            }
        }
        return ExitCodes.OK;
    }
}
