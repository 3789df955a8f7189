package io.concierge.testkit;

import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerInputs;
import io.concierge.api.worker.WorkerParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link WorkerContext} {@link WorkerContract} runs a worker in: real folders on the default
 * file system (a worker may hand them to a native tool), with the same path rules as the runner's
 * context, a halt switch the contract flips, and counters of what the worker asked.
 */
final class ContractContext implements WorkerContext {
    static final String JOB_ID = "j_contract";
    static final String RUN_ID = "r_contract";
    static final String STEP_ID = "contract";

    private final WorkerInputs inputs;
    private final WorkerParams params;
    private final Path artifactsDir;
    private final Path scratchRoot;
    private final AtomicBoolean halted;
    private final AtomicInteger haltQuestions = new AtomicInteger();
    private final AtomicInteger progressReports = new AtomicInteger();
    private Path scratch;

    ContractContext(Map<String, String> inputs, Map<String, String> params, Path artifactsDir, Path scratchRoot,
                    boolean haltedFromStart) {
        this.inputs = new WorkerInputs(inputs);
        this.params = new WorkerParams(params);
        this.artifactsDir = artifactsDir;
        this.scratchRoot = scratchRoot;
        this.halted = new AtomicBoolean(haltedFromStart);
    }

    /** Asks the worker to stop, as {@code Concierge.halt} does. */
    void halt() {
        halted.set(true);
    }

    /** How often the worker asked {@link #isHalted()} (directly or through {@link #checkHalted()}). */
    int haltQuestions() {
        return haltQuestions.get();
    }

    /** How often the worker reported progress. */
    int progressReports() {
        return progressReports.get();
    }

    @Override
    public String jobId() {
        return JOB_ID;
    }

    @Override
    public String runId() {
        return RUN_ID;
    }

    @Override
    public String stepId() {
        return STEP_ID;
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
        return artifactsDir;
    }


    @Override
    public synchronized Path scratchDir() {
        if (scratch == null) {
            try {
                scratch = Files.createDirectories(scratchRoot.resolve(STEP_ID + "-1"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return scratch;
    }

    @Override
    public void progress(double fraction, String message) {
        progressReports.incrementAndGet();
    }

    @Override
    public boolean isHalted() {
        haltQuestions.incrementAndGet();
        return halted.get() || Thread.currentThread().isInterrupted();
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }
}
