package io.concierge.cli.job;

import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.WorkText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bit job from-intent --intent-id ID}: a DRAFT job, matched to a package, inputs filled from the text. */
@Command(name = "from-intent", description = "Create a DRAFT job from an intent.")
public final class JobFromIntentCommand extends BitSubcommand {
    @Option(names = "--intent-id", required = true, paramLabel = "ID", description = "Intent id or unique prefix.")
    private String intentId;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public JobFromIntentCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            Job job = concierge.createJob(intentId);
            if (json.enabled()) {
                json().print(out(), views(concierge).job(job));
            } else {
                WorkText.jobDetails(job).forEach(out()::println);
            }
        }
        return ExitCodes.OK;
    }
}
