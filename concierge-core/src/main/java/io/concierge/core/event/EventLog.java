package io.concierge.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.event.Event;
import io.concierge.api.failure.WorkspaceIoException;
import io.concierge.core.codec.Codecs;
import io.concierge.core.workspace.FileLock;
import io.concierge.core.store.Lease;
import io.concierge.core.store.LogRecords;
import io.concierge.core.store.file.FileStore;
import io.concierge.core.workspace.FileWorkspace;
import io.concierge.core.workspace.FolderListing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The JSONL event logs of jobs: {@code logs/run-<run>.jsonl} per run, {@code logs/approvals.jsonl}
 * for approval requests and decisions, {@code logs/webhooks.jsonl} for deliveries; each has its
 * own append method, so no event is routed by the text of its type. Lines are appended whole in one write and never rewritten; readers skip a line
 * that does not parse (a torn last line after a crash) instead of failing.
 */
public final class EventLog {
    /** The log of approval decisions, beside the run logs. */
    public static final String APPROVALS = "approvals.jsonl";
    /** The log of webhook deliveries. */
    public static final String WEBHOOKS = "webhooks.jsonl";
    /** The field of each line that holds the SHA-256 of the line before it. */
    public static final String PREV_HASH = "prev_hash";
    /** The fields of every event line, no more and no fewer. */
    private static final java.util.Set<String> FIELDS = new java.util.TreeSet<>(
            List.of("timestamp", "type", "job_id", "run_id", "payload", PREV_HASH));

    private final Codecs codecs;
    private final LogRecords logs;
    private final EventListeners listeners;

    /** Creates the event logs of {@code workspace}; {@code listeners} hear every event written. */
    public EventLog(FileWorkspace workspace, EventListeners listeners) {
        this(workspace.codecs(), new FileStore(workspace).logs(), listeners);
    }

    /**
     * Creates the event logs kept in {@code logs}.
     *
     * @param codecs    JSON reading and writing
     * @param logs      where the lines are kept
     * @param listeners hear every event written
     */
    public EventLog(Codecs codecs, LogRecords logs, EventListeners listeners) {
        this.codecs = codecs;
        this.logs = logs;
        this.listeners = listeners;
    }

    /** The name of a run's log, {@code run-<run>.jsonl}. */
    public static String runLogName(String runId) {
        return "run-" + runId + ".jsonl";
    }

    /** Appends a run's event to {@code logs/run-<run>.jsonl}. */
    public void appendRun(Event event) {
        appendRun(event, null);
    }

    /**
     * Appends a run's event to {@code logs/run-<run>.jsonl}, refused once {@code fence} is no
     * longer the job's lease.
     *
     * @param event the event
     * @param fence the lease the run is under, or null
     */
    public void appendRun(Event event, Lease fence) {
        if (event.runId().isEmpty()) {
            throw new IllegalArgumentException("a run event needs a run id: " + event.type());
        }
        append(event, runLogName(event.runId()), fence);
    }

    /** Appends an event outside any run (an approval request or decision) to {@code logs/approvals.jsonl}. */
    public void appendApproval(Event event) {
        append(event, APPROVALS, null);
    }

    /** Appends the record of a webhook delivery to {@code logs/webhooks.jsonl}. */
    public void appendDelivery(Event event) {
        append(event, WEBHOOKS, null);
    }

    private void append(Event event, String log, Lease fence) {
        ObjectNode json = toJson(event);
        // The store hands over the last line while no one else can append: the chain has no gaps.
        logs.append(event.jobId(), log, fence, last -> {
            json.put(PREV_HASH, last.isEmpty() ? "" : Codecs.sha256(last.getBytes(StandardCharsets.UTF_8)));
            return codecs.writeLine(json);
        });
        listeners.dispatch(event);
    }

    /**
     * Problems with a log's hash chain: each line must be a well-formed event carrying the hash of
     * the well-formed line before it (the first, the empty text). A torn last line (a runner killed
     * while writing) is not a line of the log and so not a problem.
     *
     * @param jobId the job
     * @param log   the log's name
     * @return the problems, empty when the chain holds
     */
    public List<String> chainProblems(String jobId, String log) {
        List<String> problems = new ArrayList<>();
        List<String> lines = logs.lines(jobId, log);
        String previous = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = codecs.json().readTree(line);
            } catch (IOException e) {
                node = null;
            }
            if (node == null || parse(line).isEmpty()) {
                problems.add("line " + (i + 1) + " is not a well-formed event");
                continue;
            }
            java.util.Set<String> fields = new java.util.TreeSet<>();
            node.fieldNames().forEachRemaining(fields::add);
            if (!fields.equals(FIELDS)) {
                // a renamed or added field would otherwise pass: readers take a missing one as empty
                problems.add("line " + (i + 1) + " has the fields " + fields + ", not " + FIELDS);
            }
            String expected = previous.isEmpty() ? "" : Codecs.sha256(previous.getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(node.path(PREV_HASH).asText(null))) {
                problems.add("line " + (i + 1) + " does not follow the line before it (a line was edited, removed, added or moved)");
            }
            previous = line;
        }
        return problems;
    }

    private ObjectNode toJson(Event event) {
        ObjectNode n = codecs.object();
        n.put("timestamp", event.timestamp().toString());
        n.put("type", event.type());
        n.put("job_id", event.jobId());
        n.put("run_id", event.runId());
        n.set("payload", codecs.json().valueToTree(event.payload()));
        return n;
    }

    /** The events of one run, in order. */
    public List<Event> run(String jobId, String runId) {
        return read(jobId, runLogName(runId));
    }

    /** Every event of a job: all runs and approvals, by time. */
    public List<Event> all(String jobId) {
        List<Event> events = new ArrayList<>();
        for (String log : logs.names(jobId)) {
            events.addAll(read(jobId, log));
        }
        events.sort(java.util.Comparator.comparing(Event::timestamp));
        return events;
    }

    /**
     * Parses one of a job's logs; lines that do not parse are skipped.
     *
     * @param jobId the job
     * @param log   the log's name, e.g. {@link #APPROVALS}
     * @return the events in order
     */
    public List<Event> read(String jobId, String log) {
        List<Event> events = new ArrayList<>();
        for (String line : logs.lines(jobId, log)) {
            parse(line).ifPresent(events::add);
        }
        return events;
    }

    /**
     * The raw lines of one of a job's logs (for hashing and seals).
     *
     * @param jobId the job
     * @param log   the log's name
     * @return the lines
     */
    public List<String> lines(String jobId, String log) {
        return logs.lines(jobId, log);
    }

    /** One line as an event, or empty when it is not a well-formed event. */
    public java.util.Optional<Event> parse(String line) {
        if (line.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            JsonNode n = codecs.json().readTree(line);
            @SuppressWarnings("unchecked")
            Map<String, Object> payload = n.path("payload").isObject()
                    ? codecs.json().treeToValue(n.get("payload"), LinkedHashMap.class) : Map.of();
            return java.util.Optional.of(new Event(Instant.parse(n.path("timestamp").asText()), n.path("type").asText(),
                    n.path("job_id").asText(), n.path("run_id").asText(""), payload));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The names of a job's logs, sorted.
     *
     * @param jobId the job
     * @return e.g. {@code approvals.jsonl}, {@code run-r_....jsonl}
     */
    public List<String> logNames(String jobId) {
        return logs.names(jobId);
    }

    /** The job's run ids, oldest first. */
    public List<String> runIds(String jobId) {
        List<String> ids = new ArrayList<>();
        for (String log : logs.names(jobId)) {
            if (log.startsWith("run-") && log.endsWith(".jsonl") && log.length() > 10) {
                ids.add(log.substring(4, log.length() - 6));
            }
        }
        return ids;
    }
}
