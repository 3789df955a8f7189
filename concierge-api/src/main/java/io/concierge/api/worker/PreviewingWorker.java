package io.concierge.api.worker;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.util.Map;
import java.util.Optional;

/**
 * A worker that can show, before anyone approves a plan, what its step would meet: a quick
 * measurement of its input that a dashboard or a report draws next to the plan, such as the
 * loudness over time of the audio a normalization would change and the gain it would apply.
 *
 * <pre>{@code
 * public Optional<Map<String, Object>> preview(WorkerInputs inputs, WorkerParams params, FileSystem fs)
 *         throws IOException {
 *     Path file = fs.getPath(inputs.require("text_file"));
 *     if (Files.size(file) > 10_000_000) {
 *         return Optional.of(Map.of("kind", "lines", "unavailable", "the file is too large to count before the run"));
 *     }
 *     try (Stream<String> lines = Files.lines(file)) {
 *         return Optional.of(Map.of("kind", "lines", "lines", lines.count()));
 *     }
 * }
 * }</pre>
 *
 * <p>A preview reads and never writes; it is asked for while a person looks at a plan, so it
 * should take a second or two at most, and say why it is {@code unavailable} rather than do
 * expensive work (decode a long file, call a network). The host decides how to draw it, by its
 * {@code kind}. Implementations must be thread-safe, like every worker.
 *
 * @since 0.1.0
 */
public interface PreviewingWorker extends Worker {

    /**
     * What the step would meet, as JSON-shaped values: strings, numbers, booleans, lists and maps
     * of those. It has a {@code kind} naming its shape, and {@code unavailable} (a sentence) when
     * there is nothing cheap to show.
     *
     * @param inputs     the step's inputs as its plan binds them; file inputs are absolute paths
     * @param params     the step's params as its plan binds them
     * @param fileSystem the workspace's file system, on which the file inputs are found
     * @return the preview, or empty when this step has nothing to show
     * @throws IOException when an input cannot be read
     */
    Optional<Map<String, Object>> preview(WorkerInputs inputs, WorkerParams params, FileSystem fileSystem)
            throws IOException;
}
