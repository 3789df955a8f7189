package io.concierge.core.run;

import io.concierge.api.IdGenerator;
import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.InvalidTransitionException;
import io.concierge.api.failure.NotFoundException;
import io.concierge.api.pkg.InputSpec;
import io.concierge.api.pkg.InputType;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.plan.Plan;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.api.plan.Step;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import io.concierge.core.approval.Approvals;
import io.concierge.core.event.EventLog;
import io.concierge.core.job.JobFiles;
import io.concierge.core.job.JobTransition;
import io.concierge.core.pkg.DeliveryStep;
import io.concierge.core.pkg.PackageRegistry;
import io.concierge.core.plan.PlanFiles;
import io.concierge.core.store.Lease;
import io.concierge.core.trust.RunSeals;
import io.concierge.core.workspace.FileLock;
import io.concierge.core.workspace.FileWorkspace;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Executes a job's approved plan and records it: checks that the job may run, moves it to
 * RUNNING, hands the steps to a {@link StepScheduler} whose {@link StepExecutor} runs each one,
 * verifies the outputs, writes the manifest and the final status. A failed run is a result
 * ({@link JobStatus#FAILED}), not an exception. One run per job at a time, across processes:
 * the run lock is held for the whole run, and a job marked RUNNING whose lock is free had a
 * runner that died.
 */
public final class Runner {
    private final FileWorkspace workspace;
    private final JobFiles jobs;
    private final PlanFiles plans;
    private final Approvals approvals;
    private final EventLog events;
    private final Clock clock;
    private final IdGenerator ids;
    private final ArtifactManifest manifests;
    private final StepCache cache;
    private final StepExecutor executor;
    private final OutputVerifier verifier;
    private final RunFolders folders;
    private final PackageRegistry packages;
    private final RunSeals seals;
    private final Delivery delivery;

    /** Creates a runner over the workspace's files. */
    public Runner(FileWorkspace workspace, JobFiles jobs, PlanFiles plans, Approvals approvals, EventLog events,
                  Workers workers, PackageRegistry packages, Clock clock, IdGenerator ids, RunSeals seals) {
        this.seals = seals;
        this.workspace = workspace;
        this.jobs = jobs;
        this.plans = plans;
        this.approvals = approvals;
        this.events = events;
        this.clock = clock;
        this.ids = ids;
        this.manifests = new ArtifactManifest(workspace);
        this.cache = new StepCache(workspace);
        this.folders = new RunFolders(workspace);
        this.executor = new StepExecutor(workers, cache, new StepEvents(events, clock), clock, folders);
        this.verifier = new OutputVerifier(packages);
        this.delivery = new Delivery(new StepEvents(events, clock), clock);
        this.packages = packages;
    }

    /** The name of the lock a job's runner holds. */
    public static String runLockName(String jobId) {
        return "run-" + jobId;
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
        HaltSignal.of(workspace, jobId).request(by, clock.instant());
        return job;
    }

    /** Runs the job's plan in this thread and returns the finished run. */
    public Run run(String jobId, RunOptions options) {
        return run(jobId, options, null, new RunControl());
    }

    /**
     * Runs the job's plan in this thread for the holder of {@code lease} (an agent), which may
     * halt this run alone through {@code control}. Before anything is written, the plan's input
     * files must be visible on this machine: a job whose files another machine holds fails to
     * start here, stays as it was, and is left for an agent that sees them. The holder is
     * recorded in {@code job.started}.
     *
     * @param jobId   the job
     * @param options how to run it
     * @param lease   the lease the caller holds on the job, or null for a caller without one ({@code bit run})
     * @param control the caller's own halt of this run
     * @return the finished run
     */
    public Run run(String jobId, RunOptions options, Lease lease, RunControl control) {
        FileLock runLock = workspace.tryLock(runLockName(jobId)).orElseThrow(() -> new InvalidTransitionException(
                JobStatus.RUNNING, JobStatus.RUNNING, "job " + jobId + " is already running ("
                + workspace.lockHolder(runLockName(jobId)) + "); wait for it with: bit status --job-id " + jobId));
        HaltSignal halt = HaltSignal.of(workspace, jobId, control);
        try (runLock) {
            Instant start = clock.instant();
            String runId = ids.next("r_", start);
            runLock.describeHolder("run " + runId + " by process " + ProcessHandle.current().pid()
                    + (lease == null ? "" : " for " + lease.holder()) + " since " + start);
            folders.requireRecordable(jobId);
            Job job = recoverIfInterrupted(jobs.read(jobId), true);
            if (options.resume() && !job.status().isUnsuccessful()) {
                throw new InvalidTransitionException(job.status(), JobStatus.RUNNING, "job " + jobId + " is " + job.status()
                        + ": only a FAILED, HALTED or interrupted run can be resumed"
                        + (job.status() == JobStatus.COMPLETED ? "; run it again with --force" : ""));
            }
            String previousRunId = options.resume() ? job.lastRunId() : "";
            Plan plan = checkRunnable(job, options);
            if (lease != null) {
                requireInputFiles(job, plan);
            }
            seals.requireRunnerKey();
            halt.clear();
            jobs.update(jobId, lease, current -> {
                checkRunnable(current, options);
                return JobTransition.move(current, JobStatus.RUNNING).lastRunId(runId).updatedAt(start).build();
            });
            started(jobId, runId, plan, start, previousRunId, lease);
            RunSession session = new RunSession(jobId, runId, plan, workspace.artifactsDir(jobId),
                    workspace.stateDir().resolve("tmp").resolve(runId), new ConcurrentHashMap<>(), options,
                    previousRunId.isEmpty() ? Map.of() : completedSteps(jobId, previousRunId), halt, lease);
            RunOutcome outcome;
            List<Delivery.Delivered> delivered = new ArrayList<>();
            try {
                outcome = execute(session, delivered);
            } catch (RuntimeException | Error e) {
                finish(session, start, RunOutcome.failed("runner error: " + e), List.of());
                throw e;
            }
            List<String> artifacts = List.of();
            if (outcome.status() == JobStatus.COMPLETED) {
                artifacts = artifacts(jobId);
                manifests.write(jobId, runId, clock.instant(), delivered);
            }
            Instant end = finish(session, start, outcome, artifacts);
            return new Run(runId, jobId, plan.id(), outcome.status(), start, end, outcome.error());
        } finally {
            halt.clear();
        }
    }

    private void started(String jobId, String runId, Plan plan, Instant start, String previousRunId, Lease lease) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("plan_id", plan.id());
        payload.put("plan_hash", plan.hash());
        payload.put("package", plan.packageRef());
        payload.put("steps", plan.steps().stream().map(Step::id).toList());
        if (!previousRunId.isEmpty()) {
            payload.put("resumes", previousRunId);
        }
        if (lease != null) {
            payload.put("agent", lease.holder());
            payload.put("lease_token", lease.token());
        }
        events.appendRun(new Event(start, EventTypes.JOB_STARTED, jobId, runId, payload), lease);
    }

    /**
     * Checks that every file input of the plan exists here, so that an agent on a machine
     * without the file (or without the mount it lies on) leaves the job to another agent rather
     * than failing it.
     */
    private void requireInputFiles(Job job, Plan plan) {
        TaskPackage pkg = packages.get(job.packageRef());
        for (InputSpec input : pkg.inputs()) {
            String value = plan.inputs().getOrDefault(input.name(), "");
            if (input.type() == InputType.FILE && !value.isEmpty()
                    && !Files.exists(workspace.root().getFileSystem().getPath(value))) {
                throw new NotFoundException("input " + input.name() + " of job " + job.id() + ": file " + value
                        + " is not on this machine; the job stays queued for an agent that can read it");
            }
        }
    }

    /**
     * Schedules the worker steps, verifies the outputs, then delivers (adding to {@code delivered});
     * the scratch folder goes in any case. Deliveries wait for verification: a run whose outputs
     * fail their checks writes nothing outside the workspace.
     */
    private RunOutcome execute(RunSession session, List<Delivery.Delivered> delivered) {
        Plan plan = session.plan();
        int parallel = session.options().parallelSteps() > 0 ? session.options().parallelSteps()
                : (int) workspace.config().number("router.max_parallel_steps");
        StepScheduler scheduler = new StepScheduler(parallel, "concierge-" + session.runId());
        StepEvents stepEvents = new StepEvents(events, clock);
        try {
            String unsafe = folders.artifactsProblem(session.jobId());
            if (unsafe != null) {
                return RunOutcome.failed(unsafe);
            }
            folders.removePartials(session.jobId());
            List<Step> work = plan.steps().stream().filter(s -> !DeliveryStep.is(s)).toList();
            List<Step> deliveries = plan.steps().stream().filter(DeliveryStep::is).toList();
            RunOutcome failure = scheduler.run(work, step -> executor.execute(session, step),
                    (step, failedNeed) -> stepEvents.skipped(session, step, "needs step " + failedNeed + ", which failed", ""));
            if (failure != null) {
                return failure;
            }
            String problem = verifier.problem(session);
            if (problem != null) {
                return RunOutcome.failed(problem);
            }
            RunOutcome undelivered = delivery.deliver(session, deliveries, delivered);
            return undelivered == null ? RunOutcome.completed() : undelivered;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RunOutcome.halted("the runner was interrupted");
        } finally {
            StepCache.deleteTree(session.scratchRoot());
        }
    }

    /** Records the run's end and the job's final status; returns the end time the log shows. */
    private Instant finish(RunSession session, Instant start, RunOutcome outcome, List<String> artifacts) {
        Instant end = clock.instant();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("duration", StepEvents.seconds(Duration.between(start, end)));
        String type;
        switch (outcome.status()) {
            case COMPLETED -> {
                type = EventTypes.JOB_COMPLETED;
                payload.put("artifacts", artifacts);
            }
            case HALTED -> {
                type = EventTypes.JOB_HALTED;
                payload.put("reason", outcome.error());
            }
            default -> {
                type = EventTypes.JOB_FAILED;
                payload.put("error", outcome.error());
            }
        }
        events.appendRun(new Event(end, type, session.jobId(), session.runId(), payload), session.lease());
        seal(session.jobId(), session.runId(), outcome.status(), session.plan().hash(), end, session.lease());
        jobs.update(session.jobId(), session.lease(), current -> JobTransition.move(current, outcome.status()).updatedAt(end).build());
        return end;
    }

    /** Seals an ended run: its log's head and length, the manifest, the approval log's head. */
    private void seal(String jobId, String runId, JobStatus status, String planHash, Instant at, Lease lease) {
        String approvalsHead = jobs.read(jobId).lastDecision().map(jobs::entryHash).orElse("");
        seals.seal(jobId, runId, status, planHash, approvalsHead, at, lease);
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
        boolean approvalRequired = approvalRequired(job, plan);
        if (status == JobStatus.PLANNED) {
            if (approvalRequired) {
                throw new InvalidTransitionException(status, JobStatus.RUNNING, "job " + job.id()
                        + " is PLANNED, not APPROVED; approve it first with: bit approve --job-id " + job.id());
            }
            return plan;
        }
        if (approvalRequired) {
            approvals.requireValidApproval(job, plan);
        }
        return plan;
    }

    /**
     * Whether the plan needs approval, asked of the task package rather than of the plan file:
     * a plan edited to say {@code approval_required: false} (and re-hashed) still needs it when
     * its package does, and so does a plan whose package cannot be found.
     */
    private boolean approvalRequired(Job job, Plan plan) {
        if (plan.approvalRequired()) {
            return true;
        }
        try {
            TaskPackage pkg = packages.get(job.packageRef());
            return pkg.approvalRequired() || !pkg.hash().equals(plan.packageHash());
        } catch (RuntimeException e) {
            return true;
        }
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
            Event failed = new Event(now, EventTypes.JOB_FAILED, job.id(), job.lastRunId(), payload);
            if (job.lastRunId().isEmpty()) {
                events.appendApproval(failed); // RUNNING by a hand edit, with no run log: the job's own log keeps it
            } else {
                events.appendRun(failed);
                try {
                    seal(job.id(), job.lastRunId(), JobStatus.FAILED, job.planHash(), now, null);
                } catch (io.concierge.api.failure.ConciergeException e) {
                    // a reader without the runner key: the run stays unsealed, and validate says so
                }
            }
        }
        return recovered;
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

    /** The step cache of this workspace. */
    public StepCache cache() {
        return cache;
    }

    /** The names of the files in the job's artifacts folder (for listings). */
    public List<String> artifacts(String jobId) {
        return manifests.files(jobId).stream().map(p -> p.getFileName().toString()).toList();
    }
}
