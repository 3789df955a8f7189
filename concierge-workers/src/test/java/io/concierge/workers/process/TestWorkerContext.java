package io.concierge.workers.process;

import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerInputs;
import io.concierge.api.worker.WorkerParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A {@link WorkerContext} for the video, database and process tests: real folders under a
 * test's temporary directory, a fixed clock, recorded progress and a halt switch the test
 * controls. Set inputs and params before handing it to a worker.
 */
public final class TestWorkerContext implements WorkerContext {

    /** The instant {@link #clock()} always shows. */
    public static final Instant NOW = Instant.parse("2025-03-04T05:06:07Z");

    private final Path artifactsDir;
    private final Path scratchDir;
    private final Map<String, String> inputs = new HashMap<>();
    private final Map<String, String> params = new HashMap<>();
    private final List<Progress> progress = new CopyOnWriteArrayList<>();
    private volatile BooleanSupplier haltWhen = () -> false;
    private volatile Consumer<Progress> progressListener = p -> { };

    /** Creates {@code artifacts/} and {@code scratch/} under {@code root}. */
    public TestWorkerContext(Path root) {
        try {
            this.artifactsDir = Files.createDirectories(root.resolve("artifacts"));
            this.scratchDir = Files.createDirectories(root.resolve("scratch"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets an input. */
    public TestWorkerContext input(String name, String value) {
        inputs.put(name, value);
        return this;
    }

    /** Sets a param. */
    public TestWorkerContext param(String name, String value) {
        params.put(name, value);
        return this;
    }

    /** Makes {@link #isHalted()} answer with {@code condition}. */
    public TestWorkerContext haltWhen(BooleanSupplier condition) {
        this.haltWhen = condition;
        return this;
    }

    /** Calls {@code listener} on every progress report, on the reporting thread. */
    public TestWorkerContext onProgress(Consumer<Progress> listener) {
        this.progressListener = listener;
        return this;
    }

    /** The progress reports so far, in order. */
    public List<Progress> progressReports() {
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
        return new WorkerInputs(inputs);
    }

    @Override
    public WorkerParams params() {
        return new WorkerParams(params);
    }


    @Override
    public Path artifactsDir() {
        return artifactsDir;
    }


    @Override
    public Path scratchDir() {
        return scratchDir;
    }

    @Override
    public void progress(double fraction, String message) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("progress fraction must be within 0..1, got " + fraction);
        }
        Progress report = new Progress(fraction, message);
        progress.add(report);
        progressListener.accept(report);
    }

    @Override
    public boolean isHalted() {
        return haltWhen.getAsBoolean();
    }

    @Override
    public Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    /**
     * One progress report.
     *
     * @param fraction done so far
     * @param message  what the worker said it was doing
     */
    public record Progress(double fraction, String message) {
    }
}
