package io.concierge.cli.report;

import io.concierge.api.Concierge;
import io.concierge.api.run.CacheStats;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.output.JsonOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bit cache stats}: how many step results the cache holds and their size. */
@Command(name = "stats", description = "Show how many entries the step cache holds and their size.")
public final class CacheStatsCommand extends BitSubcommand {
    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public CacheStatsCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            CacheStats stats = concierge.cacheStats();
            if (json.enabled()) {
                json().print(out(), views(concierge).cacheStats(stats));
            } else {
                out().println("entries: " + stats.entries());
                out().println("bytes: " + stats.bytes());
            }
        }
        return ExitCodes.OK;
    }

}
