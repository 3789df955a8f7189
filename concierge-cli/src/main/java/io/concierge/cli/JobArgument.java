package io.concierge.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The job a command acts on, given either way: {@code bit job show J} (as gh and kubectl take
 * ids) or {@code bit job show --job-id J} (as the guide's scripts write it). Exactly one of the
 * two is required; giving both, or neither, is a usage error (exit 2).
 */
public final class JobArgument {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--job-id", paramLabel = "ID", description = "Job id or unique prefix (or give it as JOB).")
    private String option;

    @Parameters(index = "0", arity = "0..1", paramLabel = "JOB", description = "Job id or unique prefix.")
    private String positional;

    private final boolean required;

    /** Creates a required argument; picocli fills it. */
    public JobArgument() {
        this(true);
    }

    private JobArgument(boolean required) {
        this.required = required;
    }

    /**
     * An argument that may be left out, for commands where a job is one choice among others
     * ({@code bit run --all-approved}).
     *
     * @return an optional job argument
     */
    public static JobArgument optional() {
        return new JobArgument(false);
    }

    /**
     * Checks what was given before the command does anything (BitCommandLine calls it right after
     * parsing, so a usage error never depends on whether the workspace exists).
     *
     * @throws ParameterException when the job was given twice, or is required and missing
     */
    public void check() {
        if (option != null && positional != null && !option.equals(positional)) {
            throw new ParameterException(spec.commandLine(),
                    "give the job once: either JOB or --job-id, not both (" + positional + ", " + option + ")");
        }
        if (required && !given()) {
            throw new ParameterException(spec.commandLine(), "Missing required job: give JOB or --job-id=ID");
        }
    }

    /**
     * Whether a job was given at all (for commands where it is one choice among others).
     *
     * @return true when JOB or --job-id was given
     */
    public boolean given() {
        return option != null || positional != null;
    }

    /**
     * The job id or prefix as given.
     *
     * @return the id
     * @throws ParameterException when it was given twice or not at all
     */
    public String id() {
        check();
        String id = option != null ? option : positional;
        if (id == null || id.isBlank()) {
            throw new ParameterException(spec.commandLine(), "Missing required job: give JOB or --job-id=ID");
        }
        return id;
    }
}
