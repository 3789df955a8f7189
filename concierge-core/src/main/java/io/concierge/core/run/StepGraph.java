package io.concierge.core.run;

import io.concierge.api.plan.Step;
import io.concierge.core.plan.StepReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dependencies between a pipeline's steps: a step needs every step whose outputs its inputs
 * or params reference ({@code ${steps.normalize.audio}}). Package validation guarantees that
 * references only point to earlier steps, so the graph has no cycle.
 */
public final class StepGraph {
    private StepGraph() {
    }

    /** For each step id, the ids of the steps it needs. */
    public static Map<String, Set<String>> needs(List<Step> steps) {
        Map<String, Set<String>> needs = new LinkedHashMap<>();
        for (Step step : steps) {
            Set<String> deps = new LinkedHashSet<>();
            List<String> values = new ArrayList<>(step.inputs().values());
            values.addAll(step.params().values());
            for (String value : values) {
                StepReference.findIn(value).forEach(reference -> deps.add(reference.stepId()));
            }
            needs.put(step.id(), deps);
        }
        return needs;
    }
}
