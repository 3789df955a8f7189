package io.concierge.cli.pkg;

import io.concierge.api.Concierge;
import io.concierge.api.pkg.PackageMatch;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.PackageText;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bit package search --query TEXT}: packages matching free text, best first, with confidence. */
@Command(name = "search", description = "Find packages matching free text, best first.")
public final class PackageSearchCommand extends BitSubcommand {
    @Option(names = "--query", required = true, paramLabel = "TEXT", description = "Words or a whole sentence.")
    private String query;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public PackageSearchCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            List<PackageMatch> matches = concierge.searchPackages(query);
            if (json.enabled()) {
                json().print(out(), views(concierge).list(matches, views(concierge)::match));
            } else {
                matches.forEach(match -> out().println(PackageText.matchLine(match)));
            }
        }
        return ExitCodes.OK;
    }
}
