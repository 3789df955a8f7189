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

/** {@code bit approve --job-id ID [--by NAME] [--note TEXT]}: approves the job's current plan. */
@Command(name = "approve", description = "Approve a PLANNED job's current plan; the job becomes APPROVED.")
public final class ApproveCommand extends BitSubcommand {
    @Mixin
    private JobArgument jobArgument;

    @Option(names = "--by", paramLabel = "NAME", description = "Who approves (default: the OS user).")
    private String by;

    @Option(names = "--note", paramLabel = "TEXT", description = "Why, for the audit trail.")
    private String note;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public ApproveCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            Job job = concierge.approve(jobArgument.id(), Approvers.named(by, bit().environment()), note == null ? "" : note);
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
