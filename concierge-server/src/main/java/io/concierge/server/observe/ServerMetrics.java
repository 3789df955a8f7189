package io.concierge.server.observe;

import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.Run;
import io.concierge.api.run.StatusReport;
import io.concierge.api.run.StepState;
import io.concierge.server.http.RequestObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's meters, in a registry of its own (two servers in one JVM never share one), and
 * their Prometheus text at {@code /metrics}:
 * <ul>
 *   <li>{@code concierge_jobs{status}}: jobs in the workspace by status, counted at each scrape
 *       (so runs by {@code bit run} next to the server count too);</li>
 *   <li>{@code concierge_run_duration_seconds{package,status}} and
 *       {@code concierge_step_duration_seconds{package,step,state}}: histograms of the runs this
 *       server started;</li>
 *   <li>{@code concierge_failures_total{type}}: failed steps of those runs by error type;</li>
 *   <li>{@code concierge_webhook_deliveries_total{outcome}}: webhook deliveries seen in those runs;</li>
 *   <li>{@code http_server_requests_seconds{method,route,status}}: every request answered.</li>
 * </ul>
 * Queue depth and agents come once they exist.
 */
public final class ServerMetrics implements RequestObserver {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final java.util.function.Supplier<Map<JobStatus, Long>> jobCounts;
    private final Map<JobStatus, AtomicLong> jobs = new EnumMap<>(JobStatus.class);

    /**
     * Creates the meters.
     *
     * @param jobCounts counts the jobs by status (from the job index)
     */
    public ServerMetrics(java.util.function.Supplier<Map<JobStatus, Long>> jobCounts) {
        this.jobCounts = jobCounts;
        for (JobStatus status : JobStatus.values()) {
            AtomicLong count = new AtomicLong();
            jobs.put(status, count);
            Gauge.builder("concierge.jobs", count, AtomicLong::get).description("jobs in the workspace by status")
                    .tag("status", status.name()).register(registry);
        }
    }

    /**
     * The Prometheus text exposition of every meter, with the job counts brought up to date.
     *
     * @return the text, format 0.0.4
     */
    public String scrape() {
        Map<JobStatus, Long> counts = jobCounts.get();
        jobs.forEach((status, count) -> count.set(counts.getOrDefault(status, 0L)));
        return registry.scrape();
    }

    /**
     * Records a run this server started, once it ended.
     *
     * @param run    the run
     * @param report the job's status after it
     * @param events the run's events
     */
    public void runEnded(Run run, StatusReport report, List<Event> events) {
        String pkg = report.job().packageId();
        if (run.startedAt() != null && run.endedAt() != null) {
            timer("concierge.run.duration", "run durations", "package", pkg, "status", run.status().name())
                    .record(Duration.between(run.startedAt(), run.endedAt()));
        }
        for (StepState step : report.steps()) {
            timer("concierge.step.duration", "step durations", "package", pkg, "step", step.stepId(), "state", step.state())
                    .record((long) (step.duration() * 1e9), TimeUnit.NANOSECONDS);
        }
        for (Event event : events) {
            switch (event.type()) {
                case EventTypes.STEP_FAILED -> Counter.builder("concierge.failures").description("failed steps by error type")
                        .tag("type", String.valueOf(event.payload().getOrDefault("error_type", "unknown")))
                        .register(registry).increment();
                case EventTypes.WEBHOOK_DELIVERED, EventTypes.WEBHOOK_FAILED -> Counter.builder("concierge.webhook.deliveries")
                        .description("webhook deliveries by outcome")
                        .tag("outcome", event.type().equals(EventTypes.WEBHOOK_DELIVERED) ? "delivered" : "failed")
                        .register(registry).increment();
                default -> {
                    // other events carry nothing counted here
                }
            }
        }
    }

    @Override
    public void completed(Completed request) {
        timer("http.server.requests", "HTTP requests answered", "method", request.method(),
                "route", request.route() == null ? "none" : request.route(), "status", Integer.toString(request.status()))
                .record(request.nanos(), TimeUnit.NANOSECONDS);
    }

    private Timer timer(String name, String description, String... tags) {
        return Timer.builder(name).description(description).tags(tags).publishPercentileHistogram().register(registry);
    }
}
