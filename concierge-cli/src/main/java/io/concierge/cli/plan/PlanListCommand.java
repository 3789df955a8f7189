package io.concierge.cli.plan;

import io.concierge.api.Concierge;
import io.concierge.api.plan.Plan;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.JobArgument;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.WorkText;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bit plan list --job-id ID}: the job's plans, oldest first, the current one marked. */
@Command(name = "list", description = "List a job's plans, oldest first.")
public final class PlanListCommand extends BitSubcommand {
    @Mixin
    private JobArgument jobArgument;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public PlanListCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            String currentPlanId = concierge.job(jobArgument.id()).planId();
            List<Plan> plans = concierge.plans(jobArgument.id());
            if (json.enabled()) {
                json().print(out(), views(concierge).list(plans, views(concierge)::plan));
            } else {
                plans.forEach(plan -> out().println(WorkText.planLine(plan, currentPlanId)));
            }
        }
        return ExitCodes.OK;
    }
}
