package io.concierge.cli.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.Concierge;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.job.JobFilter;
import io.concierge.api.job.JobStatus;
import io.concierge.api.job.JobSummary;
import io.concierge.api.run.Artifact;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.JobArgument;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.WorkText;
import io.concierge.server.json.JsonViews;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code bit run --job-id ID [--force] [--resume] [--no-cache] [--parallel-steps N]}: runs the
 * approved plan in this process, progress on standard error, a summary and the artifact paths
 * on standard output. Exit 0 only when the run COMPLETED.
 *
 * <p>{@code bit run --all-approved [--parallel N]} runs every APPROVED job, at most N at once,
 * one line per finished job and a summary line; exit 1 when any of them did not complete.
 */
@Command(name = "run", description = {
    "Run an APPROVED job; exit 0 when it COMPLETED, 1 when it FAILED or HALTED.",
    "With --all-approved, run every APPROVED job (at most --parallel at once); exit 1 if any did not complete."})
public final class RunCommand extends BitSubcommand {
    @Mixin
    private JobArgument jobArgument = JobArgument.optional();

    @Option(names = "--all-approved", description = "Run every APPROVED job of the workspace (instead of JOB).")
    private boolean allApproved;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "With --all-approved: how many jobs run at once (default: ${DEFAULT-VALUE}).")
    private int parallel;

    @Option(names = "--force", description = "Run again a job that already COMPLETED.")
    private boolean force;

    @Option(names = "--resume", description = "Continue the latest failed, halted or interrupted run, "
            + "skipping steps whose outputs are intact.")
    private boolean resume;

    @Option(names = "--no-cache", negatable = false, description = "Do not reuse outputs of identical steps.")
    private boolean noCache;

    @Option(names = "--parallel-steps", paramLabel = "N", defaultValue = "0",
            description = "How many independent steps may run at once (default: router.max_parallel_steps).")
    private int parallelSteps;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public RunCommand() {
    }

    @Override
    public Integer call() {
        if (parallelSteps < 0 || parallelSteps > 64) {
            throw new ParameterException(spec.commandLine(), "--parallel-steps must be from 0 to 64, not " + parallelSteps);
        }
        if (parallel < 1 || parallel > 64) {
            throw new ParameterException(spec.commandLine(), "--parallel must be from 1 to 64, not " + parallel);
        }
        RunOptions options = RunOptions.builder().force(force).resume(resume).useCache(!noCache)
                .parallelSteps(parallelSteps).build();
        if (allApproved) {
            if (jobArgument.given()) {
                throw new ParameterException(spec.commandLine(), "give either a job or --all-approved, not both");
            }
            return runAllApproved(options);
        }
        if (!jobArgument.given()) {
            throw new ParameterException(spec.commandLine(), "Missing required job: give JOB, --job-id=ID or --all-approved");
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--parallel")) {
            throw new ParameterException(spec.commandLine(),
                    "--parallel sets how many jobs --all-approved runs at once; for the steps of one job use --parallel-steps");
        }
        try (Concierge concierge = bit().open(bit().resolveWorkspace().path(), false, progress(json.enabled()))) {
            Run run = concierge.run(jobArgument.id(), options);
            List<Artifact> artifacts = concierge.artifacts(run.jobId());
            if (json.enabled()) {
                ObjectNode view = views(concierge).run(run);
                view.set("artifacts", views(concierge).list(artifacts, a -> views(concierge).artifact(run.jobId(), a)));
                json().print(out(), view);
            } else {
                out().println(WorkText.runSummary(run));
                artifacts.forEach(artifact -> out().println(artifact.path().toAbsolutePath()));
            }
            return run.status() == JobStatus.COMPLETED ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    /** Runs every APPROVED job on a pool of {@code parallel} threads, in this process. */
    private int runAllApproved(RunOptions options) {
        PrintWriter out = out();
        // The progress line is for people: only when there is a terminal to redraw it on.
        boolean terminal = System.console() != null && !json.enabled();
        try (Concierge concierge = openExisting()) {
            List<JobSummary> approved = concierge.listJobs(JobFilter.builder()
                    .statuses(java.util.Set.of(JobStatus.APPROVED)).build()).jobs();
            ExecutorService pool = Executors.newFixedThreadPool(parallel, runnable -> {
                Thread thread = new Thread(runnable, "bit-run");
                thread.setDaemon(true);
                return thread;
            });
            CompletionService<Outcome> finished = new ExecutorCompletionService<>(pool);
            try {
                for (JobSummary job : approved) {
                    finished.submit(() -> {
                        try {
                            Run run = concierge.run(job.id(), options);
                            return new Outcome(job.id(), run, null);
                        } catch (ConciergeException e) {
                            return new Outcome(job.id(), null, e.getMessage());
                        }
                    });
                }
                int completed = 0;
                int failed = 0;
                List<Map<String, Object>> views = new ArrayList<>();
                for (int i = 0; i < approved.size(); i++) {
                    Outcome outcome = take(finished);
                    if (outcome.ok()) {
                        completed++;
                    } else {
                        failed++;
                    }
                    if (json.enabled()) {
                        views.add(outcome.view(views(concierge)));
                    } else {
                        if (terminal) {
                            err().print("\r\033[K");
                        }
                        out.println(outcome.line());
                        out.flush();
                    }
                    if (terminal) {
                        err().print("\r" + (i + 1) + "/" + approved.size() + " done, " + failed + " failed");
                        err().flush();
                    }
                }
                if (terminal && !approved.isEmpty()) {
                    err().println();
                }
                if (json.enabled()) {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("completed", completed);
                    view.put("failed", failed);
                    view.put("jobs", views);
                    json().print(out, view);
                } else {
                    out.println(completed + " completed, " + failed + " failed");
                }
                return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static Outcome take(CompletionService<Outcome> finished) {
        try {
            Future<Outcome> next = finished.take();
            return next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the runs", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** How one job of {@code --all-approved} ended: a run, or a refusal to start it. */
    private record Outcome(String jobId, Run run, String error) {
        boolean ok() {
            return run != null && run.status() == JobStatus.COMPLETED;
        }

        String line() {
            return "job " + jobId + "  " + (run != null ? WorkText.runSummary(run) : "not run: " + error);
        }

        /** The job's id, its run (null when refused) and why it was refused (null when run). */
        Map<String, Object> view(JsonViews views) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("job_id", jobId);
            view.put("run", run == null ? null : views.run(run));
            view.put("error", error);
            return view;
        }
    }
}
