package io.concierge.core.plan;

import io.concierge.api.job.Job;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.api.plan.Plan;
import io.concierge.api.plan.Step;
import io.concierge.core.pkg.PackageParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Turns a job and its package into a plan: binds the job's inputs (checked and converted) into
 * the package's steps, leaving references to earlier steps' outputs for the runner.
 */
public final class Planner {
    private final InputValues inputValues;

    /** Creates a planner binding inputs with {@code inputValues}. */
    public Planner(InputValues inputValues) {
        this.inputValues = inputValues;
    }

    /** The plan for {@code job} from {@code pkg}; not yet written, hash empty. */
    public Plan plan(String planId, Job job, TaskPackage pkg, String specHash, long defaultTimeout, Instant now) {
        Map<String, String> bound = inputValues.bind(job.id(), pkg, job.inputs());
        List<Step> steps = new ArrayList<>();
        for (Step step : pkg.steps()) {
            steps.add(new Step(step.id(), step.worker(), step.workerVersion(), substitute(step.inputs(), bound),
                    substitute(step.params(), bound), step.continueOnFailure()));
        }
        long timeout = pkg.timeoutSeconds() > 0 ? pkg.timeoutSeconds() : defaultTimeout;
        return new Plan(planId, job.id(), pkg.id(), pkg.version(), pkg.hash(), specHash, job.confidence(), now, bound,
                steps, pkg.outputs(), pkg.approvalRequired(), pkg.maxRetries(), pkg.retryOn(), timeout, "");
    }

    private static Map<String, String> substitute(Map<String, String> templates, Map<String, String> inputs) {
        Map<String, String> out = new LinkedHashMap<>();
        templates.forEach((key, template) -> {
            Matcher m = PackageParser.REFERENCE.matcher(template);
            StringBuilder value = new StringBuilder();
            while (m.find()) {
                String ref = m.group(1);
                String replacement = ref.startsWith("inputs.") ? inputs.getOrDefault(ref.substring(7), "") : m.group();
                m.appendReplacement(value, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(value);
            out.put(key, value.toString());
        });
        return out;
    }
}
