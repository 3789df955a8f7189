package io.concierge.core.pkg;

import io.concierge.api.plan.Step;
import io.concierge.api.workspace.Finding;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one step of a pipeline that Concierge does itself rather than a worker: delivering a
 * finished output to a place outside the workspace ("copy x.csv to /mnt/backup/").
 *
 * <pre>{@code
 * - id: deliver
 *   worker: concierge.deliver        # reserved: no plugin can take this id
 *   version: 1.0.0
 *   inputs:
 *     file: ${steps.copy.copy}       # exactly one earlier step's output
 *   params:
 *     to: ${inputs.destination}      # a folder (ends in /) or a file path; empty: no delivery
 *     overwrite: ${inputs.overwrite} # replace a different file already there (default false)
 * }</pre>
 *
 * <p>Why core and not a worker: workers write only into their step's staging folder and core
 * moves what they report into {@code artifacts/} (see {@code RunFolders}); that is what keeps a
 * plugin from writing anywhere a run did not declare. A delivery is the one write outside the
 * workspace a person asks for, so it is done by one small piece of core that the plan binds
 * (the destination resolved to a real, absolute path and shown), the approval covers (it is in
 * the plan's hash), and the runner performs only after every worker step finished and the
 * outputs passed verification: a failed run delivers nothing.
 */
public final class DeliveryStep {
    /** The reserved worker id of a delivery step. */
    public static final String WORKER = "concierge.deliver";
    /** The step input naming the output to deliver. */
    public static final String FILE = "file";
    /** The param naming the destination. */
    public static final String TO = "to";
    /** The param allowing a different existing file to be replaced. */
    public static final String OVERWRITE = "overwrite";
    private static final Pattern ONE_STEP_OUTPUT = Pattern.compile("\\$\\{steps\\.[^.}]+\\.[^.}]+}");

    private DeliveryStep() {
    }

    /** Whether {@code step} is a delivery, done by core after the run. */
    public static boolean is(Step step) {
        return isWorker(step.worker());
    }

    /** Whether {@code workerId} is the reserved delivery id. */
    public static boolean isWorker(String workerId) {
        return WORKER.equals(workerId);
    }

    /** What is wrong with a delivery step as a package declares it; empty when nothing. */
    static List<Finding> problems(Step step, String at) {
        List<Finding> problems = new java.util.ArrayList<>();
        if (!ONE_STEP_OUTPUT.matcher(step.inputs().getOrDefault(FILE, "")).matches()) {
            problems.add(new Finding(at + ".inputs." + FILE, "a delivery takes one earlier step's output, e.g. ${steps.copy.copy}"));
        }
        if (!step.params().containsKey(TO)) {
            problems.add(new Finding(at + ".params." + TO, "a delivery needs a destination, e.g. ${inputs.destination}"));
        } else if (step.params().get(TO).contains("${steps.")) {
            // The destination is resolved and shown at planning, so it cannot wait for a step's output.
            problems.add(new Finding(at + ".params." + TO, "a destination comes from the job's inputs, not from a step"));
        }
        for (String key : step.inputs().keySet()) {
            if (!key.equals(FILE)) {
                problems.add(new Finding(at + ".inputs." + key, "a delivery takes only the input " + FILE));
            }
        }
        for (String key : step.params().keySet()) {
            if (!key.equals(TO) && !key.equals(OVERWRITE)) {
                problems.add(new Finding(at + ".params." + key, "a delivery takes only the params " + TO + " and " + OVERWRITE));
            }
        }
        return problems;
    }
}
