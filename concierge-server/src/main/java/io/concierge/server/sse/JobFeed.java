package io.concierge.server.sse;

import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobSummary;
import io.concierge.server.http.Exchange;
import io.concierge.server.json.JsonViews;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Streams changes of the job list as Server-Sent Events, so that a dashboard tab stops
 * re-fetching the whole list: {@code event: counts} (jobs per status) when they change, and one
 * {@code event: job} per job created or changed (by its {@code version}). When more jobs changed
 * at once than is worth sending one by one, a single {@code event: reset} tells the client to
 * fetch its page again.
 *
 * <pre>
 * event: counts
 * data: {"all":10000,"by_status":{"DRAFT":2,...}}
 *
 * event: job
 * data: {"id":"j_01...","status":"RUNNING",...}
 * </pre>
 *
 * <p>All open streams share one reading of the job index per poll interval; only the jobs that
 * changed are read in full.
 */
public final class JobFeed {
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** More changes than this in one poll are sent as a reset. */
    private static final int MAX_CHANGES = 200;

    private final Concierge concierge;
    private final io.concierge.server.routes.JobReader reader;
    private final JsonViews views;
    private final Duration pollInterval;
    private final BooleanSupplier serving;
    private final Object lock = new Object();
    private List<JobSummary> snapshot;
    private long snapshotAt;

    /**
     * Creates the feed.
     *
     * @param concierge    where changed jobs are read in full
     * @param reader       where the job summaries are read
     * @param views        how jobs are written
     * @param pollInterval how often the job list is read
     * @param serving      false once the server is closing: open streams end
     */
    public JobFeed(Concierge concierge, io.concierge.server.routes.JobReader reader, JsonViews views,
                   Duration pollInterval, BooleanSupplier serving) {
        this.concierge = concierge;
        this.reader = reader;
        this.views = views;
        this.pollInterval = pollInterval;
        this.serving = serving;
    }

    /** The job summaries, read at most once per poll interval whatever the number of streams. */
    private List<JobSummary> jobs() {
        synchronized (lock) {
            long now = System.nanoTime();
            if (snapshot == null || now - snapshotAt >= pollInterval.toNanos()) {
                snapshot = reader.summaries();
                snapshotAt = now;
            }
            return snapshot;
        }
    }

    /**
     * Streams until the client goes away or the server closes.
     *
     * @param exchange the request
     * @throws IOException when the client cannot be written to
     */
    public void stream(Exchange exchange) throws IOException {
        exchange.setHeader("Cache-Control", "no-cache");
        exchange.setHeader("X-Accel-Buffering", "no");
        try (OutputStream out = exchange.startResponse(200, "text/event-stream; charset=utf-8", -1)) {
            write(out, "retry: 2000\n\n");
            Map<String, Long> versions = null;
            String counts = null;
            long lastWrite = System.nanoTime();
            while (serving.getAsBoolean()) {
                List<JobSummary> jobs = jobs();
                String nowCounts = exchange.json().line(views.jobCounts(jobs));
                if (!nowCounts.equals(counts)) {
                    write(out, "event: counts\ndata: " + nowCounts + "\n\n");
                    counts = nowCounts;
                    lastWrite = System.nanoTime();
                }
                Map<String, Long> now = new HashMap<>(jobs.size() * 2);
                jobs.forEach(job -> now.put(job.id(), job.version()));
                if (versions != null) {
                    Map<String, Long> before = versions;
                    List<JobSummary> changed = jobs.stream()
                            .filter(job -> !Long.valueOf(job.version()).equals(before.get(job.id()))).toList();
                    if (changed.size() > MAX_CHANGES) {
                        write(out, "event: reset\ndata: {\"changed\":" + changed.size() + "}\n\n");
                        lastWrite = System.nanoTime();
                    } else if (!changed.isEmpty()) {
                        StringBuilder text = new StringBuilder();
                        for (Job job : concierge.jobs(changed.stream().map(JobSummary::id).toList())) {
                            text.append("event: job\ndata: ").append(exchange.json().line(views.job(job))).append("\n\n");
                        }
                        write(out, text.toString());
                        lastWrite = System.nanoTime();
                    }
                }
                versions = now;
                if (System.nanoTime() - lastWrite > KEEP_ALIVE.toNanos()) {
                    write(out, ": keep-alive\n\n");
                    lastWrite = System.nanoTime();
                }
                try {
                    Thread.sleep(pollInterval.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
