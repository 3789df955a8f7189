package io.concierge.cli.report;

import io.concierge.cli.CommandGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bit cache stats|prune}: the step cache that lets identical steps reuse outputs. */
@Command(name = "cache", description = "Show or empty the step cache.",
        subcommands = {CacheStatsCommand.class, CachePruneCommand.class})
public final class CacheCommand extends CommandGroup {
    @Spec
    private CommandSpec spec;

    /** Creates the command; picocli fills it. */
    public CacheCommand() {
    }

    @Override
    protected CommandSpec spec() {
        return spec;
    }
}
