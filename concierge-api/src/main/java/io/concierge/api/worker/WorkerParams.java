package io.concierge.api.worker;

import java.util.Map;

/**
 * The parameters of one step (settings such as {@code target_loudness: -14}), already bound
 * from the job's inputs by the planner.
 *
 * @param values the parameters, by name
 *
 * @since 0.1.0
 */
public record WorkerParams(Map<String, String> values) implements TypedValues {
    /**
     * Copies the map so the record stays immutable.
     *
     * @param values the parameters, by name
     */
    public WorkerParams {
        values = Map.copyOf(values);
    }

    @Override
    public Map<String, String> asMap() {
        return values;
    }

    @Override
    public String noun() {
        return "param";
    }
}
