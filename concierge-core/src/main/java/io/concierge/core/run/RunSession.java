package io.concierge.core.run;

import io.concierge.api.event.Event;
import io.concierge.core.store.Lease;
import io.concierge.api.plan.Plan;
import io.concierge.api.run.RunOptions;
import io.concierge.core.plan.StepReference;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything one run works with, passed to the scheduler and the step executor instead of a long
 * list of parameters.
 *
 * @param jobId       the job
 * @param runId       this run
 * @param plan        the approved plan being run
 * @param artifacts   the job's artifacts folder, where outputs go
 * @param scratchRoot the run's scratch folder under {@code .concierge/tmp/}, deleted at the end
 * @param outputs     the files each finished step produced, by step id then output name; shared
 *                    between step threads, so a concurrent map
 * @param options     how to run (cache, resume, parallel steps)
 * @param previous    when resuming, the {@code step.completed} events of the earlier run by step id
 * @param halt        the job's halt request
 * @param lease       the lease the run is under (every record it writes is fenced by it), or null
 */
record RunSession(String jobId, String runId, Plan plan, Path artifacts, Path scratchRoot,
                  Map<String, Map<String, Path>> outputs, RunOptions options, Map<String, Event> previous,
                  HaltSignal halt, Lease lease) {

    /** The file a step reference points to, or null when that step produced no such output. */
    Path file(StepReference reference) {
        return outputs.getOrDefault(reference.stepId(), Map.of()).get(reference.output());
    }

    /** The file {@code ref} (exactly one step reference) points to, or null. */
    Path resolve(String ref) {
        return StepReference.parse(ref).map(this::file).orElse(null);
    }

    /** Step values with every step reference replaced by the file it points to. */
    Map<String, String> bind(Map<String, String> templates) {
        Map<String, String> bound = new LinkedHashMap<>();
        templates.forEach((key, template) -> bound.put(key, StepReference.replaceIn(template, reference -> {
            Path file = file(reference);
            return file == null ? null : file.toString();
        })));
        return bound;
    }
}
