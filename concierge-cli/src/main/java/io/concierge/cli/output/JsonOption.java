package io.concierge.cli.output;

import picocli.CommandLine.Option;

/** The {@code --json} flag, mixed into every command that prints something a machine may read. */
public final class JsonOption {
    @Option(names = "--json", description = "Print JSON (snake_case keys) instead of text.")
    private boolean enabled;

    /** Creates the option; picocli sets it. */
    public JsonOption() {
    }

    /** Whether {@code --json} was given. */
    public boolean enabled() {
        return enabled;
    }
}
