package io.concierge.cli.pkg;

import io.concierge.api.Concierge;
import io.concierge.api.workspace.ValidationReport;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.ValidationText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bit package validate --file PATH}: checks a package.yaml before it is installed; exit 1 if invalid. */
@Command(name = "validate", description = "Check a package.yaml against the schema and installed workers (exit 1 if not valid).")
public final class PackageValidateCommand extends BitSubcommand {
    @Option(names = "--file", required = true, paramLabel = "PATH", description = "The package.yaml to check.")
    private String file;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public PackageValidateCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            ValidationReport report = concierge.validatePackage(bit().environment().resolvePath(file));
            return ValidationText.print(report, json.enabled(), json(), views(concierge), out(), err());
        }
    }
}
