package io.concierge.cli.plan;

import io.concierge.api.Concierge;
import io.concierge.api.plan.Plan;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.JobArgument;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.WorkText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bit plan generate --job-id ID}: the job becomes PLANNED and any earlier approval is void. */
@Command(name = "generate", description = "Plan a DRAFT or PLANNED job; any earlier approval is void.")
public final class PlanGenerateCommand extends BitSubcommand {
    @Mixin
    private JobArgument jobArgument;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public PlanGenerateCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            Plan plan = concierge.generatePlan(jobArgument.id());
            if (json.enabled()) {
                json().print(out(), views(concierge).plan(plan));
            } else {
                WorkText.planDetails(plan).forEach(out()::println);
            }
        }
        return ExitCodes.OK;
    }
}
