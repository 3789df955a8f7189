package io.concierge.cli.run;

import io.concierge.api.Concierge;
import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import io.concierge.api.failure.NotFoundException;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.JobArgument;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.WorkText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code bit tail --job-id ID [--lines N] [--all-runs]}: the last events of the job's run log,
 * one readable line each, or with {@code --json} the log's own JSON lines.
 */
@Command(name = "tail", description = "Show the last events of a job's latest run (or of all its runs).")
public final class TailCommand extends BitSubcommand {
    @Mixin
    private JobArgument jobArgument;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "20",
            description = "How many events (default: ${DEFAULT-VALUE}).")
    private int lines;

    @Option(names = "--all-runs", description = "Events of every run, not only the latest.")
    private boolean allRuns;

    @Option(names = {"-f", "--follow"}, description = "Keep printing the latest run's new events until it ends"
            + " (job.completed, job.failed or job.halted) or Ctrl-C.")
    private boolean follow;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public TailCommand() {
    }

    @Override
    public Integer call() {
        if (lines < 0) {
            throw new ParameterException(spec.commandLine(), "--lines must be 0 or more, not " + lines);
        }
        try (Concierge concierge = openExisting()) {
            List<Event> events = concierge.events(jobArgument.id(), allRuns);
            if (json.enabled()) {
                List<String> raw = rawLines(concierge, events);
                raw.subList(Math.max(0, raw.size() - lines), raw.size()).forEach(out()::println);
            } else {
                events.subList(Math.max(0, events.size() - lines), events.size())
                        .forEach(event -> out().println(WorkText.eventLine(event)));
            }
            out().flush();
            if (follow) {
                follow(concierge, events);
            }
        }
        return ExitCodes.OK;
    }

    /** The event types that end a run: following stops once one is printed. */
    private static final java.util.Set<String> FINAL_TYPES = java.util.Set.of(EventTypes.JOB_COMPLETED,
            EventTypes.JOB_FAILED, EventTypes.JOB_HALTED);

    /**
     * Prints the latest run's events appended after those already printed, polling its log
     * every {@link WaitCommand#POLL}; a last line still being written waits until it is whole.
     * Waits for a first run when the job has none yet.
     */
    private void follow(Concierge concierge, List<Event> printed) {
        String latest = concierge.status(jobArgument.id()).lastRun().map(io.concierge.api.run.Run::id).orElse(null);
        String fullJobId = concierge.job(jobArgument.id()).id();
        if (latest != null && printed.stream().anyMatch(event -> event.runId().equals(latest)
                && FINAL_TYPES.contains(event.type()))) {
            return;
        }
        String runId = latest;
        long skip = latest == null ? 0 : printed.stream().filter(event -> event.runId().equals(latest)).count();
        long offset = 0;
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        try {
            while (true) {
                if (runId == null) {
                    runId = concierge.status(jobArgument.id()).lastRun().map(io.concierge.api.run.Run::id).orElse(null);
                    if (runId == null) {
                        Thread.sleep(WaitCommand.POLL.toMillis());
                        continue;
                    }
                }
                Path log = concierge.workspace().runLog(fullJobId, runId);
                byte[] tail = readFrom(log, offset);
                int end = lastNewline(tail);
                if (end >= 0) {
                    offset += end + 1;
                    String whole = new String(tail, 0, end + 1, StandardCharsets.UTF_8);
                    for (String line : whole.split("\n")) {
                        if (line.isBlank()) {
                            continue;
                        }
                        if (skip > 0) {
                            // Already printed as one of the last N (or left out by --lines).
                            skip--;
                            continue;
                        }
                        Event event = parse(mapper, line);
                        if (event == null) {
                            continue;
                        }
                        out().println(json.enabled() ? line : WorkText.eventLine(event));
                        out().flush();
                        if (FINAL_TYPES.contains(event.type())) {
                            return;
                        }
                    }
                }
                Thread.sleep(WaitCommand.POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] readFrom(Path log, long offset) {
        if (!Files.exists(log)) {
            return new byte[0];
        }
        try (java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(log)) {
            long size = channel.size();
            if (size <= offset) {
                return new byte[0];
            }
            channel.position(offset);
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) Math.min(size - offset, 16 << 20));
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // Fill what the file holds now.
            }
            return java.util.Arrays.copyOf(buffer.array(), buffer.position());
        } catch (IOException e) {
            throw new NotFoundException("cannot read the event log " + log + ": " + e.getMessage(), e);
        }
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** One log line as an event, or null when it is not one. */
    @SuppressWarnings("unchecked")
    private static Event parse(com.fasterxml.jackson.databind.ObjectMapper mapper, String line) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = mapper.readTree(line);
            Map<String, Object> payload = node.path("payload").isObject()
                    ? mapper.treeToValue(node.get("payload"), LinkedHashMap.class) : Map.of();
            return new Event(java.time.Instant.parse(node.path("timestamp").asText()), node.path("type").asText(),
                    node.path("job_id").asText(), node.path("run_id").asText(""), payload);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The log lines of the runs these events come from, exactly as written (with the hash chain
     * that {@link Event} leaves out), for jq. A line still being appended is left out.
     */
    private static List<String> rawLines(Concierge concierge, List<Event> events) {
        List<String> lines = new ArrayList<>();
        Map<String, String> jobOfRun = new LinkedHashMap<>();
        events.stream().filter(event -> !event.runId().isEmpty())
                .forEach(event -> jobOfRun.putIfAbsent(event.runId(), event.jobId()));
        for (Map.Entry<String, String> run : jobOfRun.entrySet()) {
            Path log = concierge.workspace().runLog(run.getValue(), run.getKey());
            try {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                int end = text.lastIndexOf('\n');
                if (end >= 0) {
                    text.substring(0, end).lines().filter(line -> !line.isBlank()).forEach(lines::add);
                }
            } catch (IOException e) {
                throw new NotFoundException("cannot read the event log " + log + ": " + e.getMessage(), e);
            }
        }
        return lines;
    }
}
