package io.concierge.api.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a pipeline: a worker, the version it needs, and its inputs and params. In a task
 * package the values are templates ({@code ${inputs.audio_file}}); in a {@link Plan} job inputs
 * are bound and only references to earlier steps' outputs ({@code ${steps.normalize.audio}})
 * remain, bound when the step runs.
 *
 * @param id            step id, unique within the pipeline
 * @param worker        worker id, e.g. {@code audio.normalize}
 * @param workerVersion lowest worker version needed (same major version)
 * @param inputs        input values or templates, by name
 * @param params        param values or templates, by name
 * @param continueOnFailure whether the job goes on when this step fails for good
 *                      ({@code on_failure: continue}); steps that need its outputs then do not run
 *
 * @since 0.1.0
 */
public record Step(String id, String worker, String workerVersion, Map<String, String> inputs,
                   Map<String, String> params, boolean continueOnFailure) {
    /**
     * Validates and copies, keeping order.
     *
     * @param id step id, unique within the pipeline
     * @param worker worker id, e.g. {@code audio.normalize}
     * @param workerVersion lowest worker version needed (same major version)
     * @param inputs input values or templates, by name
     * @param params param values or templates, by name
     * @param continueOnFailure whether the job goes on when this step fails for good
     */
    public Step {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(worker, "worker");
        workerVersion = Objects.requireNonNullElse(workerVersion, "");
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * A step that fails the job when it fails ({@code on_failure: fail}, the default).
     *
     * @param id step id, unique within the pipeline
     * @param worker worker id, e.g. {@code audio.normalize}
     * @param workerVersion lowest worker version needed (same major version)
     * @param inputs input values or templates, by name
     * @param params param values or templates, by name
     */
    public Step(String id, String worker, String workerVersion, Map<String, String> inputs, Map<String, String> params) {
        this(id, worker, workerVersion, inputs, params, false);
    }
}
