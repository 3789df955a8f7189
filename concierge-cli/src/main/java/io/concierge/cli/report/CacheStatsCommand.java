package io.concierge.cli.report;

import io.concierge.api.Concierge;
import io.concierge.api.run.CacheStats;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.output.JsonOption;
import java.util.LinkedHashMap;
import java.util.Map;
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
            print(concierge.cacheStats(), "");
        }
        return ExitCodes.OK;
    }

    private void print(CacheStats stats, String prefix) {
        if (json.enabled()) {
            json().print(out(), view(stats));
        } else {
            out().println(prefix + "entries: " + stats.entries());
            out().println(prefix + "bytes: " + stats.bytes());
        }
    }

    /** {@code {"entries": N, "bytes": N}}. */
    static Map<String, Object> view(CacheStats stats) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("entries", stats.entries());
        view.put("bytes", stats.bytes());
        return view;
    }
}
