package io.concierge.core.run;

import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerInputs;
import io.concierge.api.worker.WorkerParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.BooleanSupplier;

/** The {@link WorkerContext} of one step attempt. */
final class StepContext implements WorkerContext {
    private static final long PROGRESS_INTERVAL_MS = 500;
    /** Lines a worker may log per attempt: enough for a person, not a way to flood the log. */
    static final int MAX_LOG_LINES = 2000;
    /** Characters kept of one logged line. */
    static final int MAX_LOG_LINE = 2000;

    private final String jobId;
    private final String runId;
    private final String stepId;
    private final int attempt;
    private final WorkerInputs inputs;
    private final WorkerParams params;
    private final Path artifactsDir;
    private final Path scratchRoot;
    private final Clock clock;
    private final Consumer<Event> events;
    private final BooleanSupplier haltRequested;
    private final AtomicBoolean timedOut = new AtomicBoolean();
    private long lastProgress;
    private int logLines;
    private Path scratch;

    StepContext(String jobId, String runId, String stepId, int attempt, Map<String, String> inputs,
                Map<String, String> params, Path artifactsDir, Path scratchRoot, Clock clock, Consumer<Event> events,
                BooleanSupplier haltRequested) {
        this.jobId = jobId;
        this.runId = runId;
        this.stepId = stepId;
        this.attempt = attempt;
        this.inputs = new WorkerInputs(inputs);
        this.params = new WorkerParams(params);
        this.artifactsDir = artifactsDir;
        this.scratchRoot = scratchRoot;
        this.clock = clock;
        this.events = events;
        this.haltRequested = haltRequested;
    }

    @Override
    public String jobId() {
        return jobId;
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public String stepId() {
        return stepId;
    }

    @Override
    public int attempt() {
        return attempt;
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
                scratch = Files.createDirectories(scratchRoot.resolve(stepId + "-" + attempt));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return scratch;
    }

    /** The scratch folder if one was made. */
    synchronized Path scratchIfMade() {
        return scratch;
    }

    @Override
    public void progress(double fraction, String message) {
        long now = clock.millis();
        synchronized (this) {
            if (now - lastProgress < PROGRESS_INTERVAL_MS && fraction < 1) {
                return;
            }
            lastProgress = now;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("step_id", stepId);
        payload.put("fraction", Math.max(0, Math.min(1, Math.round(fraction * 1000) / 1000.0)));
        payload.put("message", message == null ? "" : message);
        events.accept(new Event(clock.instant(), EventTypes.STEP_PROGRESS, jobId, runId, payload));
    }

    @Override
    public void log(LogLevel level, String message) {
        String line = message == null ? "" : message.replaceAll("[\\p{Cntrl}&&[^\\t]]+", " ").strip();
        synchronized (this) {
            if (logLines > MAX_LOG_LINES) {
                return;
            }
            logLines++;
            if (logLines > MAX_LOG_LINES) {
                line = "(more log lines of this attempt were dropped: at most " + MAX_LOG_LINES + " are kept)";
                level = LogLevel.WARNING;
            }
        }
        if (line.length() > MAX_LOG_LINE) {
            line = line.substring(0, MAX_LOG_LINE) + "...";
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("step_id", stepId);
        payload.put("level", (level == null ? LogLevel.INFO : level).name().toLowerCase(java.util.Locale.ROOT));
        payload.put("message", line);
        events.accept(new Event(clock.instant(), EventTypes.STEP_LOG, jobId, runId, payload));
    }

    @Override
    public boolean isHalted() {
        return timedOut.get() || Thread.currentThread().isInterrupted() || haltRequested.getAsBoolean();
    }

    /** Marks the attempt as out of time, so the worker's next halt check stops it. */
    void timeOut() {
        timedOut.set(true);
    }

    @Override
    public Clock clock() {
        return clock;
    }
}
