package io.concierge.cli.run;

import io.concierge.api.Concierge;
import io.concierge.api.event.Event;
import io.concierge.api.failure.NotFoundException;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
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
    @Option(names = "--job-id", required = true, paramLabel = "ID", description = "Job id or unique prefix.")
    private String jobId;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "20",
            description = "How many events (default: ${DEFAULT-VALUE}).")
    private int lines;

    @Option(names = "--all-runs", description = "Events of every run, not only the latest.")
    private boolean allRuns;

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
            List<Event> events = concierge.events(jobId, allRuns);
            if (json.enabled()) {
                List<String> raw = rawLines(concierge, events);
                raw.subList(Math.max(0, raw.size() - lines), raw.size()).forEach(out()::println);
            } else {
                events.subList(Math.max(0, events.size() - lines), events.size())
                        .forEach(event -> out().println(WorkText.eventLine(event)));
            }
        }
        return ExitCodes.OK;
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
