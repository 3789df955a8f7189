package io.concierge.core.run;

import io.concierge.api.event.Event;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.failure.WorkspaceIoException;
import io.concierge.api.plan.Plan;
import io.concierge.api.plan.Step;
import io.concierge.api.worker.Worker;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerResult;
import io.concierge.core.codec.Codecs;
import io.concierge.core.workspace.FileWorkspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one step of a run: skipped when resuming and its earlier outputs are intact, restored from
 * the step cache when an identical step ran before, else invoked on the worker, attempt after
 * attempt: each attempt on its own thread under the plan's time limit, watched for a halt
 * request, retried with exponential backoff and jitter while the failure is retryable and the
 * plan retries its type.
 */
final class StepExecutor {
    private final Workers workers;
    private final StepCache cache;
    private final StepEvents events;
    private final Clock clock;
    private final RunFolders folders;

    StepExecutor(Workers workers, StepCache cache, StepEvents events, Clock clock, RunFolders folders) {
        this.workers = workers;
        this.cache = cache;
        this.events = events;
        this.clock = clock;
        this.folders = folders;
    }

    /** Runs {@code step}; returns null when its outputs are in place, else the outcome that ends the run. */
    RunOutcome execute(RunSession session, Step step) {
        Worker worker;
        try {
            worker = workers.find(step.worker(), step.workerVersion());
        } catch (ConciergeException e) {
            events.failed(session, step, 1, 0, "worker.missing", e.getMessage());
            return RunOutcome.failed("step " + step.id() + ": " + e.getMessage());
        }
        Map<String, String> inputs = session.bind(step.inputs());
        Map<String, String> params = session.bind(step.params());
        String cacheKey;
        try {
            if (resumed(session, step)) {
                return null;
            }
            // The key hashes the input files as they are before the worker runs.
            cacheKey = session.options().useCache() ? cache.key(worker.descriptor(), inputs, params) : null;
            if (cacheKey != null && restored(session, step, cacheKey)) {
                return null;
            }
        } catch (InvalidInputException e) {
            events.failed(session, step, 1, 0, "input.unreadable", e.getMessage());
            return RunOutcome.failed("step " + step.id() + " failed: " + e.getMessage());
        } catch (StepFailure f) {
            events.failed(session, step, 1, 0, f.type(), f.getMessage());
            return RunOutcome.failed("step " + step.id() + " failed: " + f.getMessage());
        } catch (IOException e) {
            String message = "cannot reuse the earlier outputs of step " + step.id() + " (" + WorkspaceIoException.reason(e)
                    + "); run it with --no-cache";
            events.failed(session, step, 1, 0, "output.unreadable", message);
            return RunOutcome.failed("step " + step.id() + " failed: " + message);
        }
        return attempts(session, step, worker, inputs, params, cacheKey);
    }

    /** When resuming, keeps the step's earlier outputs if every one is intact; true when it did. */
    private boolean resumed(RunSession session, Step step) throws IOException {
        Event previous = session.previous().get(step.id());
        if (previous == null) {
            return false;
        }
        Map<String, Path> kept = intactOutputs(previous, session.artifacts());
        if (kept == null) {
            return false;
        }
        session.outputs().put(step.id(), kept);
        events.skipped(session, step, "outputs of run " + previous.runId() + " are unchanged (SHA-256 checked)",
                previous.runId());
        events.completed(session, step, 1, 0, kept, Map.of(), "skipped");
        return true;
    }

    /** Restores the step's outputs from the cache when an identical step ran before; true when it did. */
    private boolean restored(RunSession session, Step step, String key) throws IOException, StepFailure {
        Optional<StepCache.Entry> hit = cache.find(key);
        if (hit.isEmpty()) {
            return false;
        }
        Instant t0 = clock.instant();
        // Copied to staging, then moved whole: a crash mid-copy leaves nothing in artifacts/.
        Path staging = folders.staging(session.scratchRoot(), step.id() + "-cached");
        Map<String, Path> restored;
        try {
            restored = publish(session, step, cache.restore(hit.get(), staging));
        } finally {
            StepCache.deleteTree(staging);
        }
        session.outputs().put(step.id(), restored);
        events.cached(session, step, key, hit.get().sourceJob());
        events.completed(session, step, 1, events.secondsSince(t0), restored, Map.of(), "cached");
        return true;
    }

    private RunOutcome attempts(RunSession session, Step step, Worker worker, Map<String, String> inputs,
                                Map<String, String> params, String cacheKey) {
        Plan plan = session.plan();
        HaltSignal halt = session.halt();
        int attempts = plan.maxRetries() + 1;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (halt.requested()) {
                return RunOutcome.halted("halted by " + halt.requestedBy() + " before step " + step.id());
            }
            events.started(session, step, worker.descriptor().id(), worker.descriptor().version(), attempt);
            Instant t0 = clock.instant();
            Path staging;
            try {
                staging = folders.staging(session.scratchRoot(), step.id() + "-" + attempt + ".out");
            } catch (IOException e) {
                String message = "cannot prepare the scratch space of step " + step.id() + " (" + WorkspaceIoException.reason(e) + ")";
                events.failed(session, step, attempt, events.secondsSince(t0), "workspace.unwritable", message);
                return RunOutcome.failed("step " + step.id() + " failed: " + message);
            }
            // The worker writes into staging; only checked, finished outputs are moved into artifacts/.
            StepContext context = new StepContext(session.jobId(), session.runId(), step.id(), attempt, inputs, params,
                    staging, session.scratchRoot(), clock, event -> events.log().appendRun(event, session.lease()), halt::requested);
            try {
                WorkerResult result = invoke(worker, context, plan.timeoutSeconds(), halt);
                Map<String, Path> produced = publish(session, step, checkOutputs(worker, step, result, staging));
                session.outputs().put(step.id(), produced);
                events.completed(session, step, attempt, events.secondsSince(t0), produced, result.metrics(), "");
                if (cacheKey != null) {
                    cache.store(cacheKey, session.jobId(), produced, clock.instant());
                }
                return null;
            } catch (WorkerContext.HaltedException e) {
                String who = halt.requested() ? "halted by " + halt.requestedBy() : "halted: " + e.getMessage();
                events.failed(session, step, attempt, events.secondsSince(t0), "halted", who);
                return RunOutcome.halted(who + " during step " + step.id());
            } catch (IOException e) {
                String message = "the outputs of step " + step.id() + " cannot be moved into the artifacts folder ("
                        + WorkspaceIoException.reason(e) + ")";
                events.failed(session, step, attempt, events.secondsSince(t0), "worker.output.unreadable", message);
                return RunOutcome.failed("step " + step.id() + " failed: " + message);
            } catch (StepFailure f) {
                double duration = events.secondsSince(t0);
                if (f.retryable() && retries(plan, f.type()) && attempt < attempts && !halt.requested()) {
                    long delay = backoffMillis(attempt);
                    events.retried(session, step, attempt, duration, f, delay);
                    sleep(delay);
                    continue;
                }
                events.failed(session, step, attempt, duration, f.type(), f.getMessage(), kept(session, step, f, staging));
                return RunOutcome.failed("step " + step.id() + " failed: " + f.getMessage());
            } finally {
                Path scratch = context.scratchIfMade();
                if (scratch != null) {
                    StepCache.deleteTree(scratch);
                }
                StepCache.deleteTree(staging);
            }
        }
        // attempts >= 1 and every path through the loop body returns or continues below the limit
        return RunOutcome.failed("step " + step.id() + " ran out of attempts");
    }

    /** The earlier outputs of a step when every one still exists with its recorded SHA-256; else null. */
    private static Map<String, Path> intactOutputs(Event previous, Path artifacts) throws IOException {
        Object names = previous.payload().get("outputs");
        Object hashes = previous.payload().get("output_sha256");
        if (!(names instanceof Map<?, ?> nameMap) || !(hashes instanceof Map<?, ?> hashMap)) {
            return null;
        }
        Map<String, Path> kept = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : nameMap.entrySet()) {
            Path file = artifacts.resolve(String.valueOf(e.getValue())).normalize();
            Object expected = hashMap.get(e.getKey());
            if (!file.startsWith(artifacts) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || expected == null
                    || !Codecs.sha256(file).equals(expected)) {
                return null;
            }
            kept.put(String.valueOf(e.getKey()), file.toAbsolutePath().normalize());
        }
        return kept;
    }

    /** Whether the plan retries failures of {@code type}: all retryable ones unless it lists types. */
    private static boolean retries(Plan plan, String type) {
        if (plan.retryOn().isEmpty()) {
            return true;
        }
        for (String pattern : plan.retryOn()) {
            if (pattern.equals(type) || pattern.endsWith("*") && type.startsWith(pattern.substring(0, pattern.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /** Calls the worker on its own thread, so a time limit or a halt can stop it. */
    private static WorkerResult invoke(Worker worker, StepContext context, long timeoutSeconds, HaltSignal halt)
            throws StepFailure {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "concierge-step-" + context.stepId());
            t.setDaemon(true);
            return t;
        });
        Future<WorkerResult> future = executor.submit(() -> {
            worker.validate(context);
            return worker.execute(context);
        });
        try {
            WorkerResult result = await(future, context, timeoutSeconds, halt);
            if (result == null) {
                throw new StepFailure("worker.error", "worker " + worker.descriptor().id() + " returned no result", false);
            }
            return result;
        } catch (TimeoutException e) {
            context.timeOut();
            future.cancel(true);
            throw new StepFailure("step.timeout", "step " + context.stepId() + " took longer than " + timeoutSeconds + " s", true);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new WorkerContext.HaltedException("the runner was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WorkerContext.HaltedException halted) {
                throw halted;
            }
            if (cause instanceof WorkerFailure wf) {
                throw new StepFailure(wf.type(), wf.getMessage(), wf.retryable(), wf.keptOutputs());
            }
            if (cause instanceof ConciergeException ce) {
                throw new StepFailure(ce.kind() == ConciergeException.Kind.NOT_FOUND ? "input.missing" : "input.invalid",
                        ce.getMessage(), false);
            }
            throw new StepFailure("worker.error", cause.getClass().getSimpleName() + ": " + cause.getMessage(), false);
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Waits for the worker, checking for a halt request every 100 ms: on one, the worker's
     * thread is interrupted (a worker blocked in I/O or sleep stops at once) and its context
     * reports halted, so a well-behaved worker unwinds through {@code checkHalted()}.
     */
    private static WorkerResult await(Future<WorkerResult> future, StepContext context, long timeoutSeconds,
                                      HaltSignal halt) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = timeoutSeconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds) : Long.MAX_VALUE;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException();
            }
            try {
                return future.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (halt.requested()) {
                    future.cancel(true);
                    try {
                        return future.get(5, TimeUnit.SECONDS);
                    } catch (CancellationException | TimeoutException stopped) {
                        throw new WorkerContext.HaltedException("step " + context.stepId() + " was halted");
                    }
                }
            }
        }
    }

    /**
     * Moves the step's checked outputs from staging into {@code artifacts/}, each whole, after
     * checking (again, right before writing) that {@code artifacts/} is a real folder of the job
     * and that no output replaces another step's output of this run; returns them by output name.
     * Steps publish one at a time, so two parallel steps never race for one name.
     */
    private Map<String, Path> publish(RunSession session, Step step, Map<String, Path> staged) throws StepFailure, IOException {
        synchronized (session.outputs()) {
            String problem = folders.artifactsProblem(session.jobId());
            if (problem != null) {
                throw new StepFailure("artifacts.unsafe", problem, false);
            }
            Path artifacts = session.artifacts().toAbsolutePath().normalize();
            Map<Path, Path> moved = new LinkedHashMap<>();
            Map<String, Path> published = new LinkedHashMap<>();
            for (Map.Entry<String, Path> e : staged.entrySet()) {
                Path target = moved.get(e.getValue());
                if (target == null) {
                    target = artifacts.resolve(e.getValue().getFileName().toString());
                    for (Map.Entry<String, Map<String, Path>> other : session.outputs().entrySet()) {
                        if (!other.getKey().equals(step.id()) && other.getValue().containsValue(target)) {
                            throw new StepFailure("worker.output.clash", "output " + e.getKey() + " of step " + step.id()
                                    + " (" + target.getFileName() + ") would replace an output of step " + other.getKey()
                                    + "; give the step's output another name", false);
                        }
                    }
                    RunFolders.moveInto(e.getValue(), target);
                    moved.put(e.getValue(), target);
                }
                published.put(e.getKey(), target);
            }
            return published;
        }
    }

    /**
     * Moves into {@code artifacts/} the outputs a failing worker asked to keep (a report of what
     * is wrong), each checked like a finished output; returns those kept. Keeping is a courtesy
     * to the person reading the failure: a file that does not qualify is left behind, and the
     * step's failure stays what it was.
     */
    private Map<String, Path> kept(RunSession session, Step step, StepFailure failure, Path staging) {
        if (failure.kept().isEmpty()) {
            return Map.of();
        }
        Map<String, Path> checked = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : failure.kept().entrySet()) {
            Path file = e.getValue();
            try {
                FileWorkspace.requireInside(staging, file, "kept output " + e.getKey() + " of step " + step.id());
            } catch (ConciergeException ex) {
                continue;
            }
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                checked.put(e.getKey(), file.toAbsolutePath().normalize());
            }
        }
        try {
            return checked.isEmpty() ? Map.of() : publish(session, step, checked);
        } catch (StepFailure | IOException e) {
            return Map.of();
        }
    }

    /** The files the worker reported, each checked to be a regular file (not a link) inside its staging folder. */
    private static Map<String, Path> checkOutputs(Worker worker, Step step, WorkerResult result, Path artifacts)
            throws StepFailure {
        Map<String, Path> produced = new LinkedHashMap<>();
        for (String declared : worker.descriptor().outputs()) {
            if (!result.outputs().containsKey(declared)) {
                throw new StepFailure("worker.output.missing", "worker " + worker.descriptor().id()
                        + " did not report its declared output '" + declared + "'", false);
            }
        }
        for (Map.Entry<String, Path> e : result.outputs().entrySet()) {
            Path file = e.getValue();
            try {
                FileWorkspace.requireInside(artifacts, file, "output " + e.getKey() + " of step " + step.id());
            } catch (ConciergeException ex) {
                throw new StepFailure("worker.output.outside", ex.getMessage(), false);
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new StepFailure("worker.output.missing", "output " + e.getKey() + " of step " + step.id()
                        + " (" + file.getFileName() + ") was not written", false);
            }
            produced.put(e.getKey(), file.toAbsolutePath().normalize());
        }
        return produced;
    }

    private static long backoffMillis(int attempt) {
        long base = 200L << Math.min(attempt - 1, 6);
        return base + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
