package io.concierge.api.worker;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a worker hands back: its output files by output name (each inside the job's artifacts
 * folder) and metrics the event log records in the step's {@code step.completed} payload.
 *
 * <pre>{@code
 * return WorkerResult.builder()
 *         .output("audio", normalizedWav)
 *         .metric("gain_db", 3.2)
 *         .build();
 * }</pre>
 *
 * @param outputs output files, by output name
 * @param metrics numbers and words worth recording, by name
 *
 * @since 0.1.0
 */
public record WorkerResult(Map<String, Path> outputs, Map<String, Object> metrics) {
    /**
     * Copies the maps, keeping their order.
     *
     * @param outputs output files, by output name
     * @param metrics numbers and words worth recording, by name
     */
    public WorkerResult {
        outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /**
     * A result with output files and no metrics.
     *
     * @param outputs output files, by output name
     * @return the result
     */
    public static WorkerResult of(Map<String, Path> outputs) {
        return new WorkerResult(outputs, Map.of());
    }

    /**
     * Starts an empty result.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects outputs and metrics in the order given. */
    public static final class Builder {
        private final Map<String, Path> outputs = new LinkedHashMap<>();
        private final Map<String, Object> metrics = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds an output file under its output name.
         *
         * @param name the output name the descriptor declares
         * @param file the file, inside the artifacts folder
         * @return this builder
         */
        public Builder output(String name, Path file) {
            outputs.put(name, file);
            return this;
        }

        /**
         * Adds a metric: a number, boolean or string.
         *
         * @param name  the metric's name
         * @param value a number, boolean or string
         * @return this builder
         */
        public Builder metric(String name, Object value) {
            metrics.put(name, value);
            return this;
        }

        /**
         * Builds the immutable result.
         *
         * @return the result
         */
        public WorkerResult build() {
            return new WorkerResult(outputs, metrics);
        }
    }
}
