package io.concierge.server.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import io.concierge.server.http.ApiError;
import io.concierge.server.http.BodyFields;
import io.concierge.server.http.Exchange;
import io.concierge.server.http.Router;
import io.concierge.server.json.JsonViews;
import io.concierge.server.observe.ServerMetrics;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code /api/jobs/{id}/run} and {@code /halt}. A run happens on the server's run executor: the
 * request waits only until the run has started (or was refused, which is answered as an error
 * such as 409 for a job that is not approved), then answers 202 with the run's id while the job
 * goes on in the background.
 */
public final class RunRoutes implements Routes {
    private static final System.Logger LOG = System.getLogger(RunRoutes.class.getName());

    private final Concierge concierge;
    private final JsonViews jobs;
    private final ExecutorService runs;
    private final Duration startWait;
    private final ServerMetrics metrics;

    /**
     * Creates the endpoints.
     *
     * @param concierge the Concierge served
     * @param jobs      the job views
     * @param runs      where runs happen
     * @param startWait how long to wait for a run to start before answering anyway
     * @param metrics   told of every run that ended
     */
    public RunRoutes(Concierge concierge, JsonViews jobs, ExecutorService runs, Duration startWait, ServerMetrics metrics) {
        this.metrics = metrics;
        this.concierge = concierge;
        this.jobs = jobs;
        this.runs = runs;
        this.startWait = startWait;
    }

    @Override
    public void register(Router router) {
        router.add("POST", "/api/jobs/{id}/run", this::run)
                .add("POST", "/api/jobs/{id}/halt", this::halt);
    }

    private void run(Exchange ex) throws IOException {
        ObjectNode body = ex.body();
        BodyFields.onlyKnown(body, "force", "resume", "use_cache", "parallel_steps");
        RunOptions.Builder builder = RunOptions.builder()
                .force(BodyFields.flag(body, "force"))
                .resume(BodyFields.flag(body, "resume"))
                .parallelSteps(BodyFields.integer(body, "parallel_steps", 0, 64).orElse(0));
        if (body.hasNonNull("use_cache")) {
            builder.useCache(BodyFields.flag(body, "use_cache"));
        }
        RunOptions options = builder.build();
        Job job = concierge.job(ex.param("id"));
        String previousRun = job.lastRunId();
        Future<Run> future;
        try {
            future = runs.submit(() -> runInBackground(job.id(), options));
        } catch (RejectedExecutionException e) {
            throw new ApiError(503, "unavailable", "the server is shutting down; run the job again later");
        }
        String runId = awaitStart(future, job.id(), previousRun);
        Job now = concierge.job(job.id());
        String base = "/api/jobs/" + JsonViews.segment(job.id());
        ObjectNode answer = ex.json().object()
                .put("job_id", job.id())
                .put("run_id", runId)
                .put("status", now.status().name())
                .put("status_url", base + "/status")
                .put("events_url", base + "/events")
                .put("stream_url", base + "/events/stream");
        ex.setHeader("Location", base + "/status");
        ex.send(202, answer);
    }

    private Run runInBackground(String jobId, RunOptions options) {
        try {
            Run run = concierge.run(jobId, options);
            LOG.log(System.Logger.Level.INFO, "run {0} of job {1} ended {2}", run.id(), jobId, run.status());
            try {
                metrics.runEnded(run, concierge.status(jobId), concierge.events(jobId, false));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not record the metrics of run " + run.id(), e);
            }
            return run;
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.DEBUG, "run of job " + jobId + " did not happen: " + e.getMessage(), e);
            throw e;
        }
    }

    /**
     * Waits until the run is under way (the job names a new run) or over, and returns its id;
     * a run refused at once (wrong state, broken integrity) is rethrown to be answered.
     */
    private String awaitStart(Future<Run> future, String jobId, String previousRun) {
        long deadline = System.nanoTime() + startWait.toNanos();
        while (true) {
            try {
                return future.get(25, TimeUnit.MILLISECONDS).id();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException("the run failed: " + cause, cause);
            } catch (TimeoutException e) {
                String current = concierge.job(jobId).lastRunId();
                if (!current.equals(previousRun) || System.nanoTime() > deadline) {
                    return current.equals(previousRun) ? "" : current;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
    }

    private void halt(Exchange ex) throws IOException {
        ObjectNode body = ex.body();
        BodyFields.onlyKnown(body, "by");
        Job job = concierge.halt(ex.param("id"), ApprovalRoutes.approver(ex, body));
        ex.send(202, jobs.job(job));
    }
}
