package io.concierge.cli.pkg;

import io.concierge.api.Concierge;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.PackageText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bit package show --id ID[@VERSION]}: one package (the highest version unless one is named). */
@Command(name = "show", description = "Show a task package: inputs, steps, outputs, policies.")
public final class PackageShowCommand extends BitSubcommand {
    @Option(names = "--id", required = true, paramLabel = "ID[@VERSION]", description = "Package id, optionally @version.")
    private String ref;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public PackageShowCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            TaskPackage pkg = concierge.taskPackage(ref);
            if (json.enabled()) {
                json().print(out(), views(concierge).taskPackage(pkg));
            } else {
                PackageText.packageDetails(pkg).forEach(out()::println);
            }
        }
        return ExitCodes.OK;
    }
}
