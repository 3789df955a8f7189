package io.concierge.cli.plan;

import io.concierge.api.Concierge;
import io.concierge.api.plan.Plan;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.WorkText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bit plan generate --job-id ID}: the job becomes PLANNED and any earlier approval is void. */
@Command(name = "generate", description = "Plan a DRAFT or PLANNED job; any earlier approval is void.")
public final class PlanGenerateCommand extends BitSubcommand {
    @Option(names = "--job-id", required = true, paramLabel = "ID", description = "Job id or unique prefix.")
    private String jobId;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public PlanGenerateCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            Plan plan = concierge.generatePlan(jobId);
            if (json.enabled()) {
                json().print(out(), views(concierge).plan(plan));
            } else {
                WorkText.planDetails(plan).forEach(out()::println);
            }
        }
        return ExitCodes.OK;
    }
}
