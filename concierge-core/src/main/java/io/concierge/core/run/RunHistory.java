package io.concierge.core.run;

import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.Run;
import io.concierge.api.run.StatusReport;
import io.concierge.api.run.StepState;
import io.concierge.core.event.EventLog;
import io.concierge.core.job.JobFiles;
import io.concierge.core.plan.PlanFiles;
import io.concierge.core.workspace.FileWorkspace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the event logs say about runs: a job's status with its last run and each step's state,
 * a job's events, and the audit trail of decisions and runs across the workspace. Everything here
 * is read back from the logs, so it is the same whichever process ran the job.
 */
public final class RunHistory {
    /** What the audit trail shows: decisions and the runs they allowed. */
    private static final Set<String> AUDITED = Set.of(EventTypes.APPROVAL_REQUESTED, EventTypes.APPROVAL_GRANTED,
            EventTypes.APPROVAL_DENIED, EventTypes.JOB_STARTED, EventTypes.JOB_COMPLETED, EventTypes.JOB_FAILED,
            EventTypes.JOB_HALTED);

    private final FileWorkspace workspace;
    private final JobFiles jobs;
    private final PlanFiles plans;
    private final EventLog events;
    private final Runner runner;

    /** Creates the history over the workspace's files; {@code runner} recovers jobs whose runner died. */
    public RunHistory(FileWorkspace workspace, JobFiles jobs, PlanFiles plans, EventLog events, Runner runner) {
        this.workspace = workspace;
        this.jobs = jobs;
        this.plans = plans;
        this.events = events;
        this.runner = runner;
    }

    /** The job's status, its last run and the state of each step; an interrupted run is reported as such. */
    public StatusReport status(String jobId) {
        Job job = jobs.read(jobId);
        boolean interrupted = job.status() == JobStatus.RUNNING && !workspace.isLocked(Runner.runLockName(jobId));
        job = runner.recoverIfInterrupted(job, false);
        if (job.lastRunId().isEmpty()) {
            return new StatusReport(job, Optional.empty(), List.of(), false);
        }
        List<Event> log = events.run(jobId, job.lastRunId());
        return new StatusReport(job, Optional.of(lastRun(job, log)), stepStates(job, log), interrupted);
    }

    /** The events of the job's last run, or of every run and decision when {@code allRuns}. */
    public List<Event> events(String jobId, boolean allRuns) {
        if (allRuns) {
            return events.all(jobId);
        }
        Job job = jobs.read(jobId);
        return job.lastRunId().isEmpty() ? List.of() : events.run(jobId, job.lastRunId());
    }

    /** Decisions and run ends of every job since {@code since} (all when null), oldest first. */
    public List<Event> audit(Instant since) {
        List<Event> trail = new ArrayList<>();
        // The jobs from the index (no job.yaml is read); their logs hold the trail.
        for (String jobId : jobs.index().ids()) {
            for (Event e : events.all(jobId)) {
                if (AUDITED.contains(e.type()) && (since == null || !e.timestamp().isBefore(since))) {
                    trail.add(e);
                }
            }
        }
        trail.sort(Comparator.comparing(Event::timestamp).thenComparing(Event::jobId));
        return trail;
    }

    private static Run lastRun(Job job, List<Event> log) {
        Instant start = null;
        Instant end = null;
        String planId = "";
        String error = "";
        JobStatus status = JobStatus.RUNNING;
        for (Event e : log) {
            switch (e.type()) {
                case EventTypes.JOB_STARTED -> {
                    start = e.timestamp();
                    planId = String.valueOf(e.payload().getOrDefault("plan_id", ""));
                }
                case EventTypes.JOB_COMPLETED -> {
                    end = e.timestamp();
                    status = JobStatus.COMPLETED;
                }
                case EventTypes.JOB_FAILED -> {
                    end = e.timestamp();
                    status = JobStatus.FAILED;
                    error = String.valueOf(e.payload().getOrDefault("error", ""));
                }
                case EventTypes.JOB_HALTED -> {
                    end = e.timestamp();
                    status = JobStatus.HALTED;
                    error = String.valueOf(e.payload().getOrDefault("reason", ""));
                }
                default -> { }
            }
        }
        return new Run(job.lastRunId(), job.id(), planId, status, start == null ? job.updatedAt() : start, end, error);
    }

    private List<StepState> stepStates(Job job, List<Event> log) {
        List<String> stepIds = new ArrayList<>();
        try {
            plans.read(job.id(), job.planId()).steps().forEach(s -> stepIds.add(s.id()));
        } catch (RuntimeException e) {
            log.stream().map(Event::stepId).filter(s -> !s.isEmpty() && !stepIds.contains(s)).forEach(stepIds::add);
        }
        List<StepState> states = new ArrayList<>();
        for (String stepId : stepIds) {
            String state = "pending";
            int attempts = 0;
            double duration = -1;
            String error = "";
            for (Event e : log) {
                if (!stepId.equals(e.stepId())) {
                    continue;
                }
                switch (e.type()) {
                    case EventTypes.STEP_STARTED -> {
                        attempts++;
                        state = "running";
                    }
                    case EventTypes.STEP_COMPLETED -> {
                        state = "completed";
                        duration = ((Number) e.payload().getOrDefault("duration", -1)).doubleValue();
                    }
                    case EventTypes.STEP_FAILED -> {
                        state = "failed";
                        duration = ((Number) e.payload().getOrDefault("duration", -1)).doubleValue();
                        error = String.valueOf(e.payload().getOrDefault("error", ""));
                    }
                    case EventTypes.STEP_RETRIED -> state = "retrying";
                    default -> { }
                }
            }
            states.add(new StepState(stepId, state, attempts, duration, error));
        }
        return states;
    }
}
