package io.concierge.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.event.Event;
import io.concierge.api.failure.WorkspaceIoException;
import io.concierge.core.codec.Codecs;
import io.concierge.core.workspace.FileLock;
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
    private static final int TAIL_BYTES = 64 * 1024;

    private final FileWorkspace workspace;
    private final Codecs codecs;
    private final EventListeners listeners;

    /** Creates the event logs of {@code workspace}; {@code listeners} hear every event written. */
    public EventLog(FileWorkspace workspace, EventListeners listeners) {
        this.workspace = workspace;
        this.codecs = workspace.codecs();
        this.listeners = listeners;
    }

    /** Appends a run's event to {@code logs/run-<run>.jsonl}. */
    public void appendRun(Event event) {
        if (event.runId().isEmpty()) {
            throw new IllegalArgumentException("a run event needs a run id: " + event.type());
        }
        append(event, workspace.runLog(event.jobId(), event.runId()));
    }

    /** Appends an event outside any run (an approval request or decision) to {@code logs/approvals.jsonl}. */
    public void appendApproval(Event event) {
        append(event, logs(event.jobId()).resolve(APPROVALS));
    }

    /** Appends the record of a webhook delivery to {@code logs/webhooks.jsonl}. */
    public void appendDelivery(Event event) {
        append(event, logs(event.jobId()).resolve(WEBHOOKS));
    }

    private Path logs(String jobId) {
        return workspace.jobDir(jobId).resolve("logs");
    }

    private void append(Event event, Path file) {
        // The lock makes "read the last line, append the next" one step for every writer.
        try (FileLock lock = workspace.lock("log-" + event.jobId() + "-" + file.getFileName())) {
            Files.createDirectories(file.getParent());
            Tail tail = tail(file);
            ObjectNode json = toJson(event);
            json.put(PREV_HASH, tail.lastLine.isEmpty() ? "" : Codecs.sha256(tail.lastLine.getBytes(StandardCharsets.UTF_8)));
            String text = (tail.endsTorn ? "\n" : "") + codecs.writeLine(json) + "\n";
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        } catch (IOException e) {
            throw new WorkspaceIoException("append to event log", file, e);
        }
        listeners.dispatch(event);
    }

    /** The last well-formed line of a log, and whether the file ends in the middle of a line. */
    private record Tail(String lastLine, boolean endsTorn) {
    }

    private Tail tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new Tail("", false);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                return new Tail("", false);
            }
            int length = (int) Math.min(size, TAIL_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate(length);
            channel.read(buffer, size - length);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            boolean torn = !text.endsWith("\n");
            String[] lines = text.split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                if ((i > 0 || length == size) && parse(lines[i]).isPresent()) {
                    return new Tail(lines[i], torn);
                }
            }
            if (length < size) {
                // One line longer than the tail window: read the whole file once.
                List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = all.size() - 1; i >= 0; i--) {
                    if (parse(all.get(i)).isPresent()) {
                        return new Tail(all.get(i), torn);
                    }
                }
            }
            return new Tail("", torn);
        }
    }

    /**
     * Problems with a log's hash chain: each well-formed line must carry the hash of the
     * well-formed line before it (the first, the empty text). A torn last line (a runner killed
     * while writing) is not a problem; any other line that does not parse is.
     */
    public List<String> chainProblems(Path file) throws IOException {
        List<String> problems = new ArrayList<>();
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        String previous = "";
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean last = i == lines.length - 1;
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
                if (!last) {
                    problems.add("line " + (i + 1) + " is not a well-formed event");
                }
                continue;
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
        return read(workspace.runLog(jobId, runId));
    }

    /** Every event of a job: all runs and approvals, by time. */
    public List<Event> all(String jobId) {
        Path dir = workspace.jobDir(jobId).resolve("logs");
        List<Event> events = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return events;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                events.addAll(read(file));
            }
        } catch (IOException e) {
            throw new WorkspaceIoException("list the event logs in", dir, e);
        }
        events.sort(java.util.Comparator.comparing(Event::timestamp));
        return events;
    }

    /** Parses a log; lines that do not parse are skipped. */
    public List<Event> read(Path file) {
        List<Event> events = new ArrayList<>();
        if (!Files.exists(file)) {
            return events;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WorkspaceIoException("read event log", file, e);
        }
        for (String line : lines) {
            parse(line).ifPresent(events::add);
        }
        return events;
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

    /** The job's run ids, oldest first. */
    public List<String> runIds(String jobId) {
        return FolderListing.between(workspace.jobDir(jobId).resolve("logs"), "run-", ".jsonl", "the event logs in");
    }
}
