package io.concierge.server.sse;

import io.concierge.api.Concierge;
import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import io.concierge.api.run.StatusReport;
import io.concierge.server.http.Exchange;
import io.concierge.server.json.JsonViews;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Streams a job's events as Server-Sent Events: first the events of its latest run, then each
 * new one as it is written, one JSON line per {@code data:}. When a new run starts the stream
 * goes on with that run's events. It ends with {@code event: end} once the job is COMPLETED,
 * FAILED or HALTED and its run's closing event is sent; a job that is not running yet is waited
 * for. A comment line every 15 seconds keeps proxies from closing the connection and finds out
 * when the client went away.
 *
 * <pre>
 * id: r_01...:0
 * data: {"timestamp":"...","type":"job.started","job_id":"j_01...","run_id":"r_01...","payload":{...}}
 *
 * event: end
 * data: {"job_id":"j_01...","run_id":"r_01...","status":"COMPLETED"}
 * </pre>
 *
 * <p>It reads the log through {@link Concierge#events}, so it also sees runs started by other
 * processes on the same workspace (a {@code bit run} next to the server).
 */
public final class EventStream {
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final Concierge concierge;
    private final JsonViews views;
    private final Duration pollInterval;
    private final BooleanSupplier serving;

    /**
     * Creates the stream source.
     *
     * @param concierge    where the events are read
     * @param views        how events are written
     * @param pollInterval how often to look for new events
     * @param serving      false once the server is closing: open streams end
     */
    public EventStream(Concierge concierge, JsonViews views, Duration pollInterval, BooleanSupplier serving) {
        this.concierge = concierge;
        this.views = views;
        this.pollInterval = pollInterval;
        this.serving = serving;
    }

    /**
     * Streams the job's events until it finishes, the client goes away or the server closes.
     *
     * @param exchange the request
     * @param jobId    the job's full id
     * @throws IOException when the client cannot be written to
     */
    public void stream(Exchange exchange, String jobId) throws IOException {
        exchange.setHeader("Cache-Control", "no-cache");
        exchange.setHeader("X-Accel-Buffering", "no");
        try (OutputStream out = exchange.startResponse(200, "text/event-stream; charset=utf-8", -1)) {
            write(out, "retry: 2000\n\n");
            String runId = null;
            int sent = 0;
            long lastWrite = System.nanoTime();
            while (serving.getAsBoolean()) {
                // status first: a finished job's closing event is written before its status changes,
                // so events read after a finished status include it
                StatusReport report = concierge.status(jobId);
                List<Event> events = concierge.events(jobId, false);
                String eventsRun = events.isEmpty() ? report.job().lastRunId() : events.get(0).runId();
                if (!eventsRun.equals(runId)) {
                    runId = eventsRun;
                    sent = 0;
                }
                for (int i = sent; i < events.size(); i++) {
                    write(out, "id: " + runId + ":" + i + "\ndata: " + exchange.json().line(views.event(events.get(i))) + "\n\n");
                    lastWrite = System.nanoTime();
                }
                sent = Math.max(sent, events.size());
                if (finished(report, events)) {
                    String end = exchange.json().line(exchange.json().object()
                            .put("job_id", jobId)
                            .put("run_id", runId)
                            .put("status", report.job().status().name()));
                    write(out, "event: end\ndata: " + end + "\n\n");
                    return;
                }
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

    private static boolean finished(StatusReport report, List<Event> events) {
        if (!report.job().status().isFinished() || events.isEmpty()) {
            return false;
        }
        boolean sameRun = events.get(0).runId().equals(report.job().lastRunId());
        return sameRun && events.stream().map(Event::type).anyMatch(type -> type.equals(EventTypes.JOB_COMPLETED)
                || type.equals(EventTypes.JOB_FAILED) || type.equals(EventTypes.JOB_HALTED));
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
