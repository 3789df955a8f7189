package io.concierge.cli.job;

import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.WorkText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code bit job set JOB NAME=VALUE...} (or {@code --job-id ID NAME=VALUE...}): edits inputs of a DRAFT or PLANNED job, the
 * checked alternative to editing {@code job.yaml} with {@code sed}.
 */
@Command(name = "set", description = "Set inputs of a DRAFT or PLANNED job (name= clears one).")
public final class JobSetCommand extends BitSubcommand {
    @Option(names = "--job-id", paramLabel = "ID", description = "Job id or unique prefix (or give it as JOB).")
    private String jobId;

    // JOB NAME=VALUE... or --job-id ID NAME=VALUE...: an id never holds '=', an assignment always does.
    @Parameters(arity = "1..*", paramLabel = "[JOB] NAME=VALUE",
            description = "The job (unless --job-id), then the inputs to set.")
    private List<String> arguments;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public JobSetCommand() {
    }

    @Override
    public Integer call() {
        List<String> rest = new ArrayList<>(arguments);
        String id = jobId;
        if (id == null && !rest.get(0).contains("=")) {
            id = rest.remove(0);
        }
        if (id == null) {
            throw new ParameterException(spec.commandLine(), "which job? bit job set JOB NAME=VALUE... (see bit job list)");
        }
        if (rest.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "nothing to set: give NAME=VALUE after the job");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String text : rest) {
            Assignment assignment;
            try {
                assignment = Assignment.parse(text);
            } catch (TypeConversionException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            values.put(assignment.name(), assignment.value());
        }
        try (Concierge concierge = openExisting()) {
            Job job = concierge.setInputs(id, values);
            if (json.enabled()) {
                json().print(out(), views(concierge).job(job));
            } else {
                WorkText.jobDetails(job).forEach(out()::println);
            }
        }
        return ExitCodes.OK;
    }
}
