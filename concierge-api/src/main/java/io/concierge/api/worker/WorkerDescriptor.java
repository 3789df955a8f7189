package io.concierge.api.worker;

import java.util.List;
import java.util.Objects;

/**
 * What a worker is and what it takes: its id (as task packages name it), its version, and the
 * names of its inputs, params and outputs. The planner checks a package's steps against it.
 *
 * <pre>{@code
 * new WorkerDescriptor("audio.normalize", "1.0.0", "EBU R128 loudness normalization",
 *         List.of("audio_file"), List.of("target_loudness", "true_peak"), List.of("audio", "report"));
 * }</pre>
 *
 * @param id          dotted worker id, e.g. {@code file.copy}
 * @param version     semantic version of the worker's behaviour
 * @param description one line for listings
 * @param inputs      names of the inputs it reads (required unless the package gives a default)
 * @param params      names of the params it understands
 * @param outputs     names of the outputs it reports in its {@link WorkerResult}
 *
 * @since 0.1.0
 */
public record WorkerDescriptor(String id, String version, String description,
                               List<String> inputs, List<String> params, List<String> outputs) {
    /**
     * Validates the id and version and copies the lists.
     *
     * @param id dotted worker id, e.g. {@code file.copy}
     * @param version semantic version of the worker's behaviour
     * @param description one line for listings
     * @param inputs names of the inputs it reads (required unless the package gives a default)
     * @param params names of the params it understands
     * @param outputs names of the outputs it reports in its {@link WorkerResult}
     */
    public WorkerDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        if (!id.matches("[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)+")) {
            throw new IllegalArgumentException("worker id must be dotted lower case like 'audio.normalize', got '" + id + "'");
        }
        if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new IllegalArgumentException("worker version must be MAJOR.MINOR.PATCH, got '" + version + "'");
        }
        description = description == null ? "" : description;
        inputs = List.copyOf(inputs);
        params = List.copyOf(params);
        outputs = List.copyOf(outputs);
    }
}
