package io.concierge.workers.audio;

import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerInputs;
import io.concierge.api.worker.WorkerParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link WorkerContext} for unit tests: inputs and params from maps, artifacts and scratch
 * under a temporary root, progress recorded, and a halt that can be triggered after a number of
 * progress calls.
 */
final class TestWorkerContext implements WorkerContext {

    private final WorkerInputs inputs;
    private final WorkerParams params;
    private final Path artifacts;
    private final Path scratch;
    private final int haltAfterProgressCalls;
    private final List<Double> progress = new ArrayList<>();
    private volatile boolean halted;

    private TestWorkerContext(Builder b) {
        this.inputs = new WorkerInputs(b.inputs);
        this.params = new WorkerParams(b.params);
        this.artifacts = b.root.resolve("artifacts");
        this.scratch = b.root.resolve("scratch");
        this.haltAfterProgressCalls = b.haltAfterProgressCalls;
        try {
            Files.createDirectories(artifacts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Builder builder(Path root) {
        return new Builder(root);
    }

    /** Fractions passed to {@link #progress}, in order. */
    synchronized List<Double> progressFractions() {
        return List.copyOf(progress);
    }

    @Override
    public String jobId() {
        return "j_test";
    }

    @Override
    public String runId() {
        return "r_test";
    }

    @Override
    public String stepId() {
        return "step";
    }

    @Override
    public int attempt() {
        return 1;
    }

    @Override
    public WorkerInputs inputs() {
        return inputs;
    }

    @Override
    public WorkerParams params() {
        return params;
    }


    @Override
    public Path artifactsDir() {
        return artifacts;
    }


    @Override
    public Path scratchDir() {
        return scratch;
    }

    @Override
    public synchronized void progress(double fraction, String message) {
        if (fraction < 0.0 || fraction > 1.0 || message == null || message.isBlank()) {
            throw new AssertionError("bad progress: " + fraction + " '" + message + "'");
        }
        progress.add(fraction);
        if (haltAfterProgressCalls >= 0 && progress.size() >= haltAfterProgressCalls) {
            halted = true;
        }
    }

    @Override
    public boolean isHalted() {
        return halted;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** Builds a context. */
    static final class Builder {
        private final Path root;
        private final Map<String, String> inputs = new HashMap<>();
        private final Map<String, String> params = new HashMap<>();
        private int haltAfterProgressCalls = -1;

        private Builder(Path root) {
            this.root = root;
        }

        Builder input(String name, Object value) {
            inputs.put(name, value.toString());
            return this;
        }

        Builder param(String name, Object value) {
            params.put(name, value.toString());
            return this;
        }

        /** Asks for a halt once {@code calls} progress reports have arrived. */
        Builder haltAfterProgress(int calls) {
            this.haltAfterProgressCalls = calls;
            return this;
        }

        TestWorkerContext build() {
            return new TestWorkerContext(this);
        }
    }
}
