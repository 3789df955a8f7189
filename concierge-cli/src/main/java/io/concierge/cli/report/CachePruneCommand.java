package io.concierge.cli.report;

import io.concierge.api.Concierge;
import io.concierge.api.run.CacheStats;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.output.JsonOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bit cache prune}: empties the step cache and says what it held. */
@Command(name = "prune", description = "Empty the step cache; print what it held.")
public final class CachePruneCommand extends BitSubcommand {
    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public CachePruneCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            CacheStats removed = concierge.pruneCache();
            if (json.enabled()) {
                json().print(out(), views(concierge).cacheStats(removed));
            } else {
                out().println("removed " + removed.entries() + " entries, " + removed.bytes() + " bytes");
            }
        }
        return ExitCodes.OK;
    }
}
