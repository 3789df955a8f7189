package io.concierge.cli.approval;

import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.JobArgument;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.WorkText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bit deny --job-id ID --reason TEXT [--by NAME]}: withdraws approval; the job returns to PLANNED. */
@Command(name = "deny", description = "Deny a job's current plan with a reason; the job returns to PLANNED.")
public final class DenyCommand extends BitSubcommand {
    @Mixin
    private JobArgument jobArgument;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the audit trail.")
    private String reason;

    @Option(names = "--by", paramLabel = "NAME", description = "Who denies (default: the OS user).")
    private String by;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public DenyCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            Job job = concierge.deny(jobArgument.id(), Approvers.named(by, bit().environment()), reason);
            if (json.enabled()) {
                json().print(out(), views(concierge).job(job));
            } else {
                out().println("job " + job.id() + " " + job.status().name());
                job.lastDecision().ifPresent(decision -> out().println(WorkText.approvalLine(decision)));
            }
        }
        return ExitCodes.OK;
    }
}
