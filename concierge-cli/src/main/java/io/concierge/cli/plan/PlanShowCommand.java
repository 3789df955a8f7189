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
import picocli.CommandLine.Option;

/** {@code bit plan show --job-id ID [--plan-id P]}: one plan, the current one by default. */
@Command(name = "show", description = "Show a job's plan (the current one unless --plan-id is given).")
public final class PlanShowCommand extends BitSubcommand {
    @Mixin
    private JobArgument jobArgument;

    @Option(names = "--plan-id", paramLabel = "ID", description = "Plan id or unique prefix.")
    private String planId;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public PlanShowCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            Plan plan = concierge.plan(jobArgument.id(), planId);
            if (json.enabled()) {
                json().print(out(), views(concierge).plan(plan));
            } else {
                WorkText.planDetails(plan).forEach(out()::println);
            }
        }
        return ExitCodes.OK;
    }
}
