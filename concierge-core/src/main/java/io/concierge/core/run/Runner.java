package io.concierge.core.run;

import io.concierge.api.IdGenerator;
import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.InvalidTransitionException;
import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.pkg.VerificationRule;
import io.concierge.api.plan.Plan;
import io.concierge.api.plan.Step;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import io.concierge.api.worker.Worker;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerResult;
import io.concierge.core.approval.Approvals;
import io.concierge.core.event.EventLog;
import io.concierge.core.job.JobFiles;
import io.concierge.core.job.JobTransition;
import io.concierge.core.pkg.PackageParser;
import io.concierge.core.pkg.PackageRegistry;
import io.concierge.core.plan.PlanFiles;
import io.concierge.core.workspace.FileLock;
import io.concierge.core.workspace.FileWorkspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;

/**
 * Executes a job's approved plan: one step after another, each step's output files feeding the
 * next, every step and outcome recorded in the run's event log, the final status written to
 * {@code job.yaml}. A failed run is a result ({@link JobStatus#FAILED}), not an exception.
 * One run per job at a time, across processes: the run lock is held for the whole run, and a
 * job marked RUNNING whose lock is free had a runner that died.
 */
public final class Runner {
    private final FileWorkspace workspace;
    private final JobFiles jobs;
    private final PlanFiles plans;
    private final Approvals approvals;
    private final EventLog events;
    private final Workers workers;
    private final PackageRegistry packages;
    private final Clock clock;
    private final IdGenerator ids;
    private final ArtifactManifest manifests;
    private final StepCache cache;

    /** Creates a runner over the workspace's files. */
    public Runner(FileWorkspace workspace, JobFiles jobs, PlanFiles plans, Approvals approvals, EventLog events,
                  Workers workers, PackageRegistry packages, Clock clock, IdGenerator ids) {
        this.workspace = workspace;
        this.jobs = jobs;
        this.plans = plans;
        this.approvals = approvals;
        this.events = events;
        this.workers = workers;
        this.packages = packages;
        this.clock = clock;
        this.ids = ids;
        this.manifests = new ArtifactManifest(workspace);
        this.cache = new StepCache(workspace);
    }

    /** The name of the lock a job's runner holds. */
    public static String runLockName(String jobId) {
        return "run-" + jobId;
    }

    /** The marker file whose presence asks a job's runner to halt. */
    public Path haltMarker(String jobId) {
        return workspace.stateDir().resolve("halt").resolve(jobId);
    }

    /**
     * Leaves a halt request for the job's runner, naming who asked and when. The runner (in
     * this or another process) sees it within a fraction of a second.
     */
    public Job requestHalt(String jobId, String by) {
        Job job = jobs.read(jobId);
        if (job.status() != JobStatus.RUNNING || !workspace.isLocked(runLockName(jobId))) {
            throw new InvalidTransitionException(job.status(), JobStatus.HALTED, "job " + jobId + " is " + job.status()
                    + ", not running: there is nothing to halt");
        }
        if (by == null || by.isBlank() || by.length() > 100 || by.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("name who halts the job in one short line (--by NAME)");
        }
        io.concierge.core.workspace.AtomicFiles.write(haltMarker(jobId),
                (by.strip() + "\n" + clock.instant() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return job;
    }

    private String haltedBy(String jobId) {
        try {
            List<String> lines = Files.readAllLines(haltMarker(jobId));
            return lines.isEmpty() ? "unknown" : lines.get(0) + (lines.size() > 1 ? " at " + lines.get(1) : "");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Runs the job's plan in this thread and returns the finished run. */
    public Run run(String jobId, RunOptions options) {
        FileLock runLock = workspace.tryLock(runLockName(jobId)).orElseThrow(() -> new InvalidTransitionException(
                JobStatus.RUNNING, JobStatus.RUNNING, "job " + jobId + " is already running ("
                + workspace.lockHolder(runLockName(jobId)) + "); wait for it with: bit status --job-id " + jobId));
        try (runLock) {
            Instant start = clock.instant();
            String runId = ids.next("r_", start);
            runLock.describeHolder("run " + runId + " by process " + ProcessHandle.current().pid() + " since " + start);
            Job job = recoverIfInterrupted(jobs.read(jobId), true);
            if (options.resume() && !job.status().isUnsuccessful()) {
                throw new InvalidTransitionException(job.status(), JobStatus.RUNNING, "job " + jobId + " is " + job.status()
                        + ": only a FAILED, HALTED or interrupted run can be resumed"
                        + (job.status() == JobStatus.COMPLETED ? "; run it again with --force" : ""));
            }
            String previousRunId = options.resume() ? job.lastRunId() : "";
            Plan plan = checkRunnable(job, options);
            clearHalt(jobId);
            jobs.update(jobId, current -> {
                checkRunnable(current, options);
                return JobTransition.move(current, JobStatus.RUNNING).lastRunId(runId).updatedAt(start).build();
            });
            Map<String, Object> started = new LinkedHashMap<>();
            started.put("plan_id", plan.id());
            started.put("plan_hash", plan.hash());
            started.put("package", plan.packageRef());
            started.put("steps", plan.steps().stream().map(Step::id).toList());
            if (!previousRunId.isEmpty()) {
                started.put("resumes", previousRunId);
            }
            events.appendRun(new Event(start, EventTypes.JOB_STARTED, jobId, runId, started));
            Outcome outcome;
            try {
                outcome = execute(jobId, runId, plan, options, previousRunId);
            } catch (RuntimeException | Error e) {
                outcome = new Outcome(JobStatus.FAILED, "runner error: " + e);
                finish(jobId, runId, start, outcome, List.of());
                throw e;
            }
            List<String> artifacts = List.of();
            if (outcome.status == JobStatus.COMPLETED) {
                artifacts = artifactNames(jobId);
                manifests.write(jobId, runId, clock.instant());
            }
            Instant end = finish(jobId, runId, start, outcome, artifacts);
            return new Run(runId, jobId, plan.id(), outcome.status, start, end, outcome.error);
        } finally {
            clearHalt(jobId);
        }
    }

    private record Outcome(JobStatus status, String error) {
    }

    /** Records the run's end and the job's final status; returns the end time the log shows. */
    private Instant finish(String jobId, String runId, Instant start, Outcome outcome, List<String> artifacts) {
        Instant end = clock.instant();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("duration", seconds(Duration.between(start, end)));
        String type;
        switch (outcome.status) {
            case COMPLETED -> {
                type = EventTypes.JOB_COMPLETED;
                payload.put("artifacts", artifacts);
            }
            case HALTED -> {
                type = EventTypes.JOB_HALTED;
                payload.put("reason", outcome.error);
            }
            default -> {
                type = EventTypes.JOB_FAILED;
                payload.put("error", outcome.error);
            }
        }
        events.appendRun(new Event(end, type, jobId, runId, payload));
        jobs.update(jobId, current -> JobTransition.move(current, outcome.status).updatedAt(end).build());
        return end;
    }

    /**
     * Checks that {@code job} may run now and returns its plan: approved (or approval not
     * required), plan and spec unchanged since approval, status allowing a run.
     */
    public Plan checkRunnable(Job job, RunOptions options) {
        JobStatus status = job.status();
        if (status == JobStatus.COMPLETED && !options.force()) {
            throw new InvalidTransitionException(status, JobStatus.RUNNING, "job " + job.id()
                    + " already COMPLETED; run it again with: bit run --job-id " + job.id() + " --force");
        }
        if (status == JobStatus.DRAFT) {
            throw new InvalidTransitionException(status, JobStatus.RUNNING, "job " + job.id()
                    + " is DRAFT: it has no plan; make one with: bit plan generate --job-id " + job.id());
        }
        if (status == JobStatus.RUNNING) {
            throw new InvalidTransitionException(status, JobStatus.RUNNING, "job " + job.id() + " is already RUNNING");
        }
        Plan plan = plans.read(job.id(), job.planId());
        approvals.checkIntegrity(job, plan);
        if (status == JobStatus.PLANNED) {
            if (plan.approvalRequired()) {
                throw new InvalidTransitionException(status, JobStatus.RUNNING, "job " + job.id()
                        + " is PLANNED, not APPROVED; approve it first with: bit approve --job-id " + job.id());
            }
            return plan;
        }
        if (plan.approvalRequired()) {
            approvals.requireValidApproval(job, plan);
        }
        return plan;
    }

    /**
     * A job that says RUNNING while no process holds its run lock had a runner that died: it is
     * marked FAILED (with a {@code job.failed} event saying so) and returned; other jobs come back as they are.
     */
    public Job recoverIfInterrupted(Job job, boolean lockHeldByCaller) {
        if (job.status() != JobStatus.RUNNING || (!lockHeldByCaller && workspace.isLocked(runLockName(job.id())))) {
            return job;
        }
        Instant now = clock.instant();
        Job recovered = jobs.update(job.id(), current -> current.status() == JobStatus.RUNNING
                ? JobTransition.move(current, JobStatus.FAILED).updatedAt(now).build() : current);
        if (recovered.status() == JobStatus.FAILED && recovered.version() != job.version()) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("error", "interrupted: the runner stopped before the run finished; run it again with: bit run --job-id " + job.id());
            payload.put("interrupted", true);
            emit(job.id(), job.lastRunId(), EventTypes.JOB_FAILED, payload);
        }
        return recovered;
    }

    /**
     * Runs the plan's steps as a graph: a step waits for the steps whose outputs it uses, and up
     * to {@code parallel} ready steps run at once. The first failure stops new steps from
     * starting; steps already running finish (or are halted) before the outcome is returned.
     */
    private Outcome execute(String jobId, String runId, Plan plan, RunOptions options, String previousRunId) {
        Path artifacts = workspace.artifactsDir(jobId);
        Path scratchRoot = workspace.stateDir().resolve("tmp").resolve(runId);
        Map<String, Map<String, Path>> outputs = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Event> previous = previousRunId.isEmpty() ? Map.of() : completedSteps(jobId, previousRunId);
        int parallel = options.parallelSteps() > 0 ? options.parallelSteps()
                : (int) workspace.config().number("router.max_parallel_steps");
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, plan.steps().size())), r -> {
            Thread t = new Thread(r, "concierge-" + runId);
            t.setDaemon(true);
            return t;
        });
        java.util.concurrent.CompletionService<Outcome> done = new java.util.concurrent.ExecutorCompletionService<>(pool);
        try {
            Files.createDirectories(artifacts);
            Map<String, java.util.Set<String>> needs = StepGraph.needs(plan.steps());
            List<Step> waiting = new ArrayList<>(plan.steps());
            java.util.Set<String> finished = new java.util.HashSet<>();
            java.util.Set<String> failedSteps = new java.util.HashSet<>();
            Map<Future<Outcome>, Step> running = new LinkedHashMap<>();
            Outcome failure = null;
            while (!waiting.isEmpty() || !running.isEmpty()) {
                if (failure == null) {
                    for (Step step : List.copyOf(waiting)) {
                        if (running.size() >= parallel) {
                            break;
                        }
                        java.util.Optional<String> failedNeed = needs.get(step.id()).stream().filter(failedSteps::contains).findFirst();
                        if (failedNeed.isPresent()) {
                            // A step that failed with on_failure: continue leaves its dependents without inputs.
                            waiting.remove(step);
                            failedSteps.add(step.id());
                            Map<String, Object> payload = new LinkedHashMap<>();
                            payload.put("step_id", step.id());
                            payload.put("reason", "needs step " + failedNeed.get() + ", which failed");
                            emit(jobId, runId, EventTypes.STEP_SKIPPED, payload);
                            continue;
                        }
                        if (finished.containsAll(needs.get(step.id()))) {
                            waiting.remove(step);
                            running.put(done.submit(() -> runStep(jobId, runId, plan, step, artifacts, scratchRoot,
                                    outputs, options, previous.get(step.id()))), step);
                        }
                    }
                }
                if (running.isEmpty()) {
                    break; // a failure left steps waiting: they never start
                }
                Future<Outcome> next = done.take();
                Step step = running.remove(next);
                Outcome outcome = getQuietly(next);
                if (outcome == null) {
                    finished.add(step.id());
                } else if (outcome.status == JobStatus.FAILED && step.continueOnFailure()) {
                    failedSteps.add(step.id());
                } else if (failure == null || outcome.status == JobStatus.HALTED) {
                    failure = failure == null ? outcome : outcome.status == JobStatus.HALTED ? outcome : failure;
                }
            }
            if (failure != null) {
                return failure;
            }
            String problem = verify(plan, outputs);
            return problem == null ? new Outcome(JobStatus.COMPLETED, "") : new Outcome(JobStatus.FAILED, problem);
        } catch (IOException e) {
            return new Outcome(JobStatus.FAILED, "cannot prepare the artifacts folder: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(JobStatus.HALTED, "the runner was interrupted");
        } finally {
            pool.shutdownNow();
            StepCache.deleteTree(scratchRoot);
        }
    }

    private static Outcome getQuietly(Future<Outcome> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(JobStatus.HALTED, "the runner was interrupted");
        }
    }

    /** The {@code step.completed} events of an earlier run, by step id (the last one of each step). */
    private Map<String, Event> completedSteps(String jobId, String runId) {
        Map<String, Event> completed = new LinkedHashMap<>();
        for (Event e : events.run(jobId, runId)) {
            if (e.type().equals(EventTypes.STEP_COMPLETED)) {
                completed.put(e.stepId(), e);
            }
        }
        return completed;
    }

    /**
     * Runs one step: skipped when resuming and its earlier outputs are intact, restored from the
     * cache when an identical step ran before, else executed with retries. Returns null when the
     * step's outputs are in place, or the outcome that ends the run.
     */
    private Outcome runStep(String jobId, String runId, Plan plan, Step step, Path artifacts, Path scratchRoot,
                            Map<String, Map<String, Path>> outputs, RunOptions options, Event previous) throws IOException {
        Worker worker;
        try {
            worker = workers.find(step.worker(), step.workerVersion());
        } catch (ConciergeException e) {
            stepFailed(jobId, runId, step, 1, 0, "worker.missing", e.getMessage());
            return new Outcome(JobStatus.FAILED, "step " + step.id() + ": " + e.getMessage());
        }
        Map<String, String> inputs = bindOutputs(step.inputs(), outputs);
        Map<String, String> params = bindOutputs(step.params(), outputs);

        if (previous != null) {
            Map<String, Path> kept = intactOutputs(previous, artifacts);
            if (kept != null) {
                outputs.put(step.id(), kept);
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("step_id", step.id());
                payload.put("reason", "outputs of run " + previous.runId() + " are unchanged (SHA-256 checked)");
                payload.put("from_run", previous.runId());
                emit(jobId, runId, EventTypes.STEP_SKIPPED, payload);
                completed(jobId, runId, step, 1, 0, kept, Map.of(), "skipped");
                return null;
            }
        }
        String cacheKey;
        try {
            cacheKey = options.useCache() ? cache.key(worker.descriptor(), inputs, params) : null;
        } catch (InvalidInputException e) {
            stepFailed(jobId, runId, step, 1, 0, "input.unreadable", e.getMessage());
            return new Outcome(JobStatus.FAILED, "step " + step.id() + " failed: " + e.getMessage());
        }
        if (cacheKey != null) {
            Optional<StepCache.Entry> hit = cache.find(cacheKey);
            if (hit.isPresent()) {
                Instant t0 = clock.instant();
                Map<String, Path> restored = cache.restore(hit.get(), artifacts);
                outputs.put(step.id(), restored);
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("step_id", step.id());
                payload.put("cache_key", cacheKey);
                payload.put("from_job", hit.get().sourceJob());
                emit(jobId, runId, EventTypes.STEP_CACHED, payload);
                completed(jobId, runId, step, 1, seconds(Duration.between(t0, clock.instant())), restored, Map.of(), "cached");
                return null;
            }
        }

        int attempts = plan.maxRetries() + 1;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (Files.exists(haltMarker(jobId))) {
                return new Outcome(JobStatus.HALTED, "halted by " + haltedBy(jobId) + " before step " + step.id());
            }
            Map<String, Object> started = new LinkedHashMap<>();
            started.put("step_id", step.id());
            started.put("worker", worker.descriptor().id());
            started.put("worker_version", worker.descriptor().version());
            started.put("attempt", attempt);
            emit(jobId, runId, EventTypes.STEP_STARTED, started);
            Instant t0 = clock.instant();
            StepContext context = new StepContext(jobId, runId, step.id(), attempt, inputs, params, artifacts,
                    scratchRoot, clock, events::appendRun, () -> Files.exists(haltMarker(jobId)));
            try {
                WorkerResult result = invoke(worker, context, plan.timeoutSeconds());
                Map<String, Path> produced = checkOutputs(worker, step, result, artifacts);
                outputs.put(step.id(), produced);
                completed(jobId, runId, step, attempt, seconds(Duration.between(t0, clock.instant())), produced,
                        result.metrics(), "");
                if (cacheKey != null) {
                    cache.store(cacheKey, jobId, produced, clock.instant());
                }
                return null;
            } catch (WorkerContext.HaltedException e) {
                String who = Files.exists(haltMarker(jobId)) ? "halted by " + haltedBy(jobId) : "halted: " + e.getMessage();
                stepFailed(jobId, runId, step, attempt, seconds(Duration.between(t0, clock.instant())), "halted", who);
                return new Outcome(JobStatus.HALTED, who + " during step " + step.id());
            } catch (StepFailure f) {
                double duration = seconds(Duration.between(t0, clock.instant()));
                if (f.retryable && retries(plan, f.type) && attempt < attempts && !Files.exists(haltMarker(jobId))) {
                    long delay = backoffMillis(attempt);
                    Map<String, Object> payload = new LinkedHashMap<>();
                    payload.put("step_id", step.id());
                    payload.put("attempt", attempt);
                    payload.put("duration", duration);
                    payload.put("error", f.getMessage());
                    payload.put("error_type", f.type);
                    payload.put("retry_in", delay / 1000.0);
                    emit(jobId, runId, EventTypes.STEP_RETRIED, payload);
                    sleep(delay);
                    continue;
                }
                stepFailed(jobId, runId, step, attempt, duration, f.type, f.getMessage());
                return new Outcome(JobStatus.FAILED, "step " + step.id() + " failed: " + f.getMessage());
            } finally {
                Path scratch = context.scratchIfMade();
                if (scratch != null) {
                    StepCache.deleteTree(scratch);
                }
            }
        }
        throw new IllegalStateException("unreachable: step loop ended without an outcome");
    }

    private void completed(String jobId, String runId, Step step, int attempt, double duration, Map<String, Path> produced,
                           Map<String, Object> metrics, String how) throws IOException {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("step_id", step.id());
        payload.put("duration", duration);
        payload.put("attempt", attempt);
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : produced.entrySet()) {
            names.put(e.getKey(), e.getValue().getFileName().toString());
            hashes.put(e.getKey(), io.concierge.core.codec.Codecs.sha256(e.getValue()));
        }
        payload.put("outputs", names);
        payload.put("output_sha256", hashes);
        if (!how.isEmpty()) {
            payload.put(how, true);
        }
        metrics.forEach(payload::putIfAbsent);
        emit(jobId, runId, EventTypes.STEP_COMPLETED, payload);
    }

    /** The earlier outputs of a step when every one still exists with its recorded SHA-256; else null. */
    @SuppressWarnings("unchecked")
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
            if (!file.startsWith(artifacts) || !Files.isRegularFile(file) || expected == null
                    || !io.concierge.core.codec.Codecs.sha256(file).equals(expected)) {
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

    /** A step attempt's failure, normalized from whatever the worker threw. */
    private static final class StepFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final String type;
        private final boolean retryable;

        StepFailure(String type, String message, boolean retryable) {
            super(message, null, false, false);
            this.type = type;
            this.retryable = retryable;
        }
    }

    private WorkerResult invoke(Worker worker, StepContext context, long timeoutSeconds) throws StepFailure {
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
            WorkerResult result = await(future, context, timeoutSeconds);
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
                throw new StepFailure(wf.type(), wf.getMessage(), wf.retryable());
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
    private WorkerResult await(Future<WorkerResult> future, StepContext context, long timeoutSeconds)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = timeoutSeconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds) : Long.MAX_VALUE;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException();
            }
            try {
                return future.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (Files.exists(haltMarker(context.jobId()))) {
                    future.cancel(true);
                    try {
                        return future.get(5, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.CancellationException | TimeoutException stopped) {
                        throw new WorkerContext.HaltedException("step " + context.stepId() + " was halted");
                    }
                }
            }
        }
    }

    private Map<String, Path> checkOutputs(Worker worker, Step step, WorkerResult result, Path artifacts) throws StepFailure {
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
            if (!Files.isRegularFile(file)) {
                throw new StepFailure("worker.output.missing", "output " + e.getKey() + " of step " + step.id()
                        + " (" + file.getFileName() + ") was not written", false);
            }
            produced.put(e.getKey(), file.toAbsolutePath().normalize());
        }
        return produced;
    }

    private static Map<String, String> bindOutputs(Map<String, String> templates, Map<String, Map<String, Path>> outputs) {
        Map<String, String> bound = new LinkedHashMap<>();
        templates.forEach((key, template) -> bound.put(key, bindOutput(template, outputs)));
        return bound;
    }

    private static String bindOutput(String template, Map<String, Map<String, Path>> outputs) {
        Matcher m = PackageParser.REFERENCE.matcher(template);
        StringBuilder value = new StringBuilder();
        while (m.find()) {
            String[] parts = m.group(1).split("\\.");
            Path file = parts.length == 3 && parts[0].equals("steps")
                    ? outputs.getOrDefault(parts[1], Map.of()).get(parts[2]) : null;
            m.appendReplacement(value, Matcher.quoteReplacement(file == null ? "" : file.toString()));
        }
        m.appendTail(value);
        return value.toString();
    }

    private String verify(Plan plan, Map<String, Map<String, Path>> outputs) {
        List<VerificationRule> rules;
        try {
            rules = packages.get(plan.packageRef()).verification();
        } catch (ConciergeException e) {
            return null; // the package is gone; the plan itself still ran
        }
        for (VerificationRule rule : rules) {
            String ref = plan.outputs().getOrDefault(rule.output(), "");
            Path file = resolveOutput(ref, outputs);
            String where = "verification of output " + rule.output() + " (" + rule.rule() + ")";
            switch (rule.rule()) {
                case "exists" -> {
                    if (file == null || !Files.exists(file)) {
                        return where + " failed: no file was produced";
                    }
                }
                case "non_empty" -> {
                    try {
                        if (file == null || Files.size(file) == 0) {
                            return where + " failed: the file is empty";
                        }
                    } catch (IOException e) {
                        return where + " failed: " + e.getMessage();
                    }
                }
                case "extension" -> {
                    if (file == null || !file.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                            .endsWith("." + rule.value().toLowerCase(java.util.Locale.ROOT))) {
                        return where + " failed: expected a ." + rule.value() + " file, got "
                                + (file == null ? "none" : file.getFileName());
                    }
                }
                default -> {
                    return where + ": unknown rule";
                }
            }
        }
        return null;
    }

    private static Path resolveOutput(String ref, Map<String, Map<String, Path>> outputs) {
        Matcher m = PackageParser.REFERENCE.matcher(ref);
        if (!m.matches()) {
            return null;
        }
        String[] parts = m.group(1).split("\\.");
        return parts.length == 3 ? outputs.getOrDefault(parts[1], Map.of()).get(parts[2]) : null;
    }

    private void stepFailed(String jobId, String runId, Step step, int attempt, double duration, String type, String message) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("step_id", step.id());
        payload.put("attempt", attempt);
        payload.put("duration", duration);
        payload.put("error", message);
        payload.put("error_type", type);
        emit(jobId, runId, EventTypes.STEP_FAILED, payload);
    }

    private void emit(String jobId, String runId, String type, Map<String, Object> payload) {
        events.appendRun(new Event(clock.instant(), type, jobId, runId, payload));
    }

    private List<String> artifactNames(String jobId) {
        return manifests.files(jobId).stream().map(p -> p.getFileName().toString()).toList();
    }

    private void clearHalt(String jobId) {
        try {
            Files.deleteIfExists(haltMarker(jobId));
        } catch (IOException e) {
            // a stale marker only stops the next run's first step; it is deleted at the next start
        }
    }

    private static long backoffMillis(int attempt) {
        long base = 200L << Math.min(attempt - 1, 6);
        return base + java.util.concurrent.ThreadLocalRandom.current().nextLong(base / 2 + 1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double seconds(Duration d) {
        return Math.round(d.toNanos() / 1e6) / 1000.0;
    }


    /** The step cache of this workspace. */
    public StepCache cache() {
        return cache;
    }

    /** The names of the files in the job's artifacts folder (for listings). */
    public List<String> artifacts(String jobId) {
        return artifactNames(jobId);
    }
}
