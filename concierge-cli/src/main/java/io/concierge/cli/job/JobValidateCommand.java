package io.concierge.cli.job;

import io.concierge.api.Concierge;
import io.concierge.api.workspace.ValidationReport;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.JobArgument;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.ValidationText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bit job validate --job-id ID}: checks the job's files against their hashes; exit 1 on tampering. */
@Command(name = "validate", description = "Check a job's spec, plan and approvals against their hashes (exit 1 if not).")
public final class JobValidateCommand extends BitSubcommand {
    @Mixin
    private JobArgument jobArgument;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public JobValidateCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            ValidationReport report = concierge.validate(jobArgument.id());
            return ValidationText.print(report, json.enabled(), json(), views(concierge), out(), err());
        }
    }
}
