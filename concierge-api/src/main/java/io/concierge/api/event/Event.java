package io.concierge.api.event;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line of a run's event log ({@code jobs/<job>/logs/run-<run>.jsonl}):
 *
 * <pre>{@code
 * {"timestamp":"2026-11-25T13:00:00.123Z","type":"step.completed","job_id":"j_..","run_id":"r_..",
 *  "payload":{"step_id":"normalize","duration":1.84}}
 * }</pre>
 *
 * @param timestamp when it happened (UTC)
 * @param type      one of {@link EventTypes}
 * @param jobId     the job
 * @param runId     the run, or empty for events outside a run (approvals)
 * @param payload   details; every {@code step.*} event has {@code step_id}
 *
 * @since 0.1.0
 */
public record Event(Instant timestamp, String type, String jobId, String runId, Map<String, Object> payload) {
    /**
     * Validates and copies the payload, keeping its order.
     *
     * @param timestamp when it happened (UTC)
     * @param type one of {@link EventTypes}
     * @param jobId the job
     * @param runId the run, or empty for events outside a run (approvals)
     * @param payload details; every {@code step.*} event has {@code step_id}
     */
    public Event {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(jobId, "jobId");
        runId = Objects.requireNonNullElse(runId, "");
        payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }

    /**
     * The payload's {@code step_id}, or empty for job events.
     *
     * @return the step id, or empty
     */
    public String stepId() {
        Object value = payload.get("step_id");
        return value == null ? "" : value.toString();
    }
}
