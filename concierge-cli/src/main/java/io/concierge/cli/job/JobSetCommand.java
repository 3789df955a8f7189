package io.concierge.cli.job;

import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.WorkText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bit job set --job-id ID NAME=VALUE...}: edits inputs of a DRAFT or PLANNED job, the
 * checked alternative to editing {@code job.yaml} with {@code sed}.
 */
@Command(name = "set", description = "Set inputs of a DRAFT or PLANNED job (name= clears one).")
public final class JobSetCommand extends BitSubcommand {
    @Option(names = "--job-id", required = true, paramLabel = "ID", description = "Job id or unique prefix.")
    private String jobId;

    @Parameters(arity = "1..*", paramLabel = "NAME=VALUE", converter = Assignment.Converter.class,
            description = "Inputs to set.")
    private List<Assignment> assignments;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public JobSetCommand() {
    }

    @Override
    public Integer call() {
        Map<String, String> values = new LinkedHashMap<>();
        assignments.forEach(assignment -> values.put(assignment.name(), assignment.value()));
        try (Concierge concierge = openExisting()) {
            Job job = concierge.setInputs(jobId, values);
            if (json.enabled()) {
                json().print(out(), views(concierge).job(job));
            } else {
                WorkText.jobDetails(job).forEach(out()::println);
            }
        }
        return ExitCodes.OK;
    }
}
