package io.concierge.api.worker;

import java.util.Map;

/**
 * The inputs bound to one step: job inputs and the outputs of earlier steps, as text.
 * File inputs are paths; use {@link WorkerContext#inputFile(String)} to get them as a checked
 * {@link java.nio.file.Path}.
 *
 * @param values the inputs, by name
 *
 * @since 0.1.0
 */
public record WorkerInputs(Map<String, String> values) implements TypedValues {
    /**
     * Copies the map so the record stays immutable.
     *
     * @param values the inputs, by name
     */
    public WorkerInputs {
        values = Map.copyOf(values);
    }

    @Override
    public Map<String, String> asMap() {
        return values;
    }

    @Override
    public String noun() {
        return "input";
    }
}
