package io.concierge.core.run;

import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import io.concierge.api.plan.Step;
import io.concierge.core.codec.Codecs;
import io.concierge.core.event.EventLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the {@code step.*} events of a run, each with the payload fields the guide's scripts read. */
final class StepEvents {
    private final EventLog log;
    private final Clock clock;

    StepEvents(EventLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** Appends an event of {@code type} to the session's run log, stamped now. */
    void emit(RunSession session, String type, Map<String, Object> payload) {
        log.appendRun(new Event(clock.instant(), type, session.jobId(), session.runId(), payload), session.lease());
    }

    /** The event log the run writes to (for the worker's progress events). */
    EventLog log() {
        return log;
    }

    void started(RunSession session, Step step, String worker, String version, int attempt) {
        Map<String, Object> payload = stepPayload(step);
        payload.put("worker", worker);
        payload.put("worker_version", version);
        payload.put("attempt", attempt);
        emit(session, EventTypes.STEP_STARTED, payload);
    }

    /**
     * A finished step with its output files' names and SHA-256 (which a resumed run checks);
     * {@code how} marks a step that was {@code skipped} or {@code cached} rather than run.
     */
    void completed(RunSession session, Step step, int attempt, double duration, Map<String, Path> produced,
                   Map<String, Object> metrics, String how) throws IOException {
        Map<String, Object> payload = stepPayload(step);
        payload.put("duration", duration);
        payload.put("attempt", attempt);
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : produced.entrySet()) {
            names.put(e.getKey(), e.getValue().getFileName().toString());
            hashes.put(e.getKey(), Codecs.sha256(e.getValue()));
        }
        payload.put("outputs", names);
        payload.put("output_sha256", hashes);
        if (!how.isEmpty()) {
            payload.put(how, true);
        }
        metrics.forEach(payload::putIfAbsent);
        emit(session, EventTypes.STEP_COMPLETED, payload);
    }

    void failed(RunSession session, Step step, int attempt, double duration, String type, String message) {
        failed(session, step, attempt, duration, type, message, Map.of());
    }

    /** A failed step that kept some complete outputs (a report of what is wrong): named as a completed step names them. */
    void failed(RunSession session, Step step, int attempt, double duration, String type, String message,
                Map<String, Path> kept) {
        Map<String, Object> payload = stepPayload(step);
        payload.put("attempt", attempt);
        payload.put("duration", duration);
        payload.put("error", message);
        payload.put("error_type", type);
        if (!kept.isEmpty()) {
            Map<String, String> names = new LinkedHashMap<>();
            Map<String, String> hashes = new LinkedHashMap<>();
            for (Map.Entry<String, Path> e : kept.entrySet()) {
                names.put(e.getKey(), e.getValue().getFileName().toString());
                try {
                    hashes.put(e.getKey(), Codecs.sha256(e.getValue()));
                } catch (IOException ex) {
                    // the file was just moved into place; unreadable now, it is named without a hash
                }
            }
            payload.put("outputs", names);
            payload.put("output_sha256", hashes);
        }
        emit(session, EventTypes.STEP_FAILED, payload);
    }

    void retried(RunSession session, Step step, int attempt, double duration, StepFailure failure, long delayMillis) {
        Map<String, Object> payload = stepPayload(step);
        payload.put("attempt", attempt);
        payload.put("duration", duration);
        payload.put("error", failure.getMessage());
        payload.put("error_type", failure.type());
        payload.put("retry_in", delayMillis / 1000.0);
        emit(session, EventTypes.STEP_RETRIED, payload);
    }

    void skipped(RunSession session, Step step, String reason, String fromRun) {
        Map<String, Object> payload = stepPayload(step);
        payload.put("reason", reason);
        if (!fromRun.isEmpty()) {
            payload.put("from_run", fromRun);
        }
        emit(session, EventTypes.STEP_SKIPPED, payload);
    }

    void cached(RunSession session, Step step, String cacheKey, String fromJob) {
        Map<String, Object> payload = stepPayload(step);
        payload.put("cache_key", cacheKey);
        payload.put("from_job", fromJob);
        emit(session, EventTypes.STEP_CACHED, payload);
    }

    /** Seconds since {@code start}, to the millisecond, as the log shows durations. */
    double secondsSince(java.time.Instant start) {
        return seconds(Duration.between(start, clock.instant()));
    }

    static double seconds(Duration d) {
        return Math.round(d.toNanos() / 1e6) / 1000.0;
    }

    private static Map<String, Object> stepPayload(Step step) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("step_id", step.id());
        return payload;
    }
}
