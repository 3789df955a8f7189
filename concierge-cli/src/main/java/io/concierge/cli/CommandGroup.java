package io.concierge.cli;

import java.util.Collection;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * A command that only groups subcommands ({@code bit job}, {@code bit plan}): run alone it is a
 * usage error that names the subcommands to choose from, reported like any other.
 */
public abstract class CommandGroup implements Runnable {

    /** The group's command spec, injected by picocli in the subclass. */
    protected abstract CommandSpec spec();

    @Override
    public void run() {
        Collection<String> names = spec().subcommands().keySet();
        throw new ParameterException(spec().commandLine(),
                "missing command: choose one of " + String.join(", ", names));
    }
}
