package io.concierge.cli.pkg;

import io.concierge.api.Concierge;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.PackageText;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bit package list}: every package, built in or the workspace's own, by id then version. */
@Command(name = "list", description = "List task packages (id@version, name, origin), one per line.")
public final class PackageListCommand extends BitSubcommand {
    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public PackageListCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            List<TaskPackage> packages = concierge.packages();
            // A broken plugin jar is worth a warning, not a failure: the other packages still load.
            concierge.pluginProblems().forEach(problem -> err().println("bit: warning: " + problem));
            concierge.packageProblems().forEach(problem -> err().println("bit: warning: " + problem));
            if (json.enabled()) {
                json().print(out(), views(concierge).list(packages, views(concierge)::taskPackage));
            } else {
                packages.forEach(pkg -> out().println(PackageText.packageLine(pkg)));
            }
        }
        return ExitCodes.OK;
    }
}
