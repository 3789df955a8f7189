package io.concierge.core.plan;

import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.job.Job;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.api.plan.Plan;
import io.concierge.api.plan.Step;
import io.concierge.core.pkg.DeliveryStep;
import io.concierge.core.pkg.PackageParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Turns a job and its package into a plan: binds the job's inputs (checked and converted) into
 * the package's steps, leaving references to earlier steps' outputs for the runner. A delivery
 * step ({@link DeliveryStep}) gets its destination resolved, so the plan shows (and its approval
 * covers) the real folder; one with no destination is left out of the plan.
 */
public final class Planner {
    private final InputValues inputValues;
    private final Destinations destinations;

    /** Creates a planner binding inputs with {@code inputValues} and destinations with {@code destinations}. */
    public Planner(InputValues inputValues, Destinations destinations) {
        this.inputValues = inputValues;
        this.destinations = destinations;
    }

    /** The plan for {@code job} from {@code pkg}; not yet written, hash empty. */
    public Plan plan(String planId, Job job, TaskPackage pkg, String specHash, long defaultTimeout, Instant now) {
        Map<String, String> bound = inputValues.bind(job.id(), pkg, job.inputs());
        List<Step> steps = new ArrayList<>();
        for (Step step : pkg.steps()) {
            Map<String, String> params = substitute(step.params(), bound);
            if (DeliveryStep.is(step)) {
                String to = params.getOrDefault(DeliveryStep.TO, "").strip();
                if (to.isEmpty()) {
                    continue; // nothing to deliver: the output stays in artifacts/ only
                }
                params.put(DeliveryStep.TO, destinations.resolve(job.id(), inputName(step, DeliveryStep.TO), to));
                params.put(DeliveryStep.OVERWRITE, flag(job.id(), inputName(step, DeliveryStep.OVERWRITE),
                        params.getOrDefault(DeliveryStep.OVERWRITE, "")));
            }
            steps.add(new Step(step.id(), step.worker(), step.workerVersion(), substitute(step.inputs(), bound),
                    params, step.continueOnFailure()));
        }
        long timeout = pkg.timeoutSeconds() > 0 ? pkg.timeoutSeconds() : defaultTimeout;
        return new Plan(planId, job.id(), pkg.id(), pkg.version(), pkg.hash(), specHash, job.confidence(), now, bound,
                steps, pkg.outputs(), pkg.approvalRequired(), pkg.maxRetries(), pkg.retryOn(), timeout, "");
    }

    /** The job input a step's param comes from ({@code ${inputs.destination}}), for advice; else the param's name. */
    private static String inputName(Step step, String param) {
        Matcher m = PackageParser.REFERENCE.matcher(step.params().getOrDefault(param, ""));
        return m.matches() && m.group(1).startsWith("inputs.") ? m.group(1).substring(7) : param;
    }

    private static String flag(String jobId, String input, String value) {
        String word = value.strip().toLowerCase(Locale.ROOT);
        if (word.isEmpty() || word.equals("false")) {
            return "false";
        }
        if (word.equals("true")) {
            return "true";
        }
        throw new InvalidInputException("input " + input + " of job " + jobId + " must be true or false, got '" + value
                + "'; set it with: bit job set --job-id " + jobId + " " + input + "=true");
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
