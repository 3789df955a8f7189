package io.concierge.core.run;

import io.concierge.api.plan.Step;
import io.concierge.core.pkg.PackageParser;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

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
            for (String value : concat(step)) {
                Matcher m = PackageParser.REFERENCE.matcher(value);
                while (m.find()) {
                    String[] parts = m.group(1).split("\\.");
                    if (parts.length == 3 && parts[0].equals("steps")) {
                        deps.add(parts[1]);
                    }
                }
            }
            needs.put(step.id(), deps);
        }
        return needs;
    }

    private static List<String> concat(Step step) {
        List<String> values = new java.util.ArrayList<>(step.inputs().values());
        values.addAll(step.params().values());
        return values;
    }
}
