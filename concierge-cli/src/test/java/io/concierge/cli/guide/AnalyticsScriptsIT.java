package io.concierge.cli.guide;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The guide's monitoring, audit and analytics scripts, verbatim, over one workspace made by
 * running Pattern 1 twice: once on a real episode (COMPLETED), once on a file that is no audio
 * (FAILED). Each test reads that workspace and writes only in its own folder.
 */
class AnalyticsScriptsIT {
    @RegisterExtension
    static final GuideShell shell = new GuideShell();

    private static String completedJob;
    private static String failedJob;

    @BeforeAll
    static void runPatternOneTwice() throws Exception {
        Files.createDirectories(shell.home().resolve("archive"));
        Path good = Files.createDirectories(shell.work().resolve("good"));
        Path bad = Files.createDirectories(shell.work().resolve("bad"));
        GuideShell.writeEpisode(good.resolve("episode.wav"), 3, 3);
        Files.writeString(bad.resolve("episode.wav"), "not audio at all\n");
        assertThat(shell.script("pattern1-conditional.sh", good).outLines())
                .contains("âœ“ Job completed - archiving artifacts");
        assertThat(shell.script("pattern1-conditional.sh", bad).outLines())
                .contains("âœ— Job failed - investigating");
        List<String> jobs = shell.jobLines();
        assertThat(jobs).hasSize(2);
        completedJob = jobs.get(0).split("\\s+")[0];
        failedJob = jobs.get(1).split("\\s+")[0];
    }

    private static Path folder(String name) throws Exception {
        return Files.createDirectories(shell.work().resolve(name));
    }

    @Test
    void successRateCountsJobsByStatus() throws Exception {
        GuideShell.Result result = shell.script("success-rate.sh", folder("rate"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.outLines()).containsExactly("Total Jobs: 2", "Completed: 1", "Failed: 1", "Running: 0",
                "Success Rate: 50%");
    }

    @Test
    void auditTrailHasEveryJobsApprovals() throws Exception {
        Path folder = folder("audit");

        GuideShell.Result result = shell.script("audit-trail.sh", folder);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        String audit = Files.readString(folder.resolve("audit.log"), StandardCharsets.UTF_8);
        assertThat(result.out()).isEqualTo(audit);
        assertThat(audit).startsWith("=== Approval Audit Trail ===\nGenerated: ");
        assertThat(audit).contains("Job: " + completedJob + "\n", "Job: " + failedJob + "\n");
        assertThat(occurrences(audit, "approval_log:")).isEqualTo(2);
        assertThat(occurrences(audit, "approved")).isGreaterThanOrEqualTo(2);
        assertThat(audit).contains(System.getProperty("user.name"));
    }

    @Test
    void eventLogAnalyticsShowTimelineDurationsAndTotalTime() throws Exception {
        GuideShell.Result result = shell.script("parse-event-logs.sh", folder("events"), completedJob);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).as(result.toString()).isEmpty();
        List<String> lines = result.outLines();
        assertThat(lines.get(0)).isEqualTo("=== Execution Timeline ===");
        int durations = lines.indexOf("=== Step Durations ===");
        int total = lines.indexOf("=== Total Execution Time ===");
        assertThat(durations).isPositive();
        assertThat(total).isGreaterThan(durations);

        List<String> timeline = lines.subList(1, durations - 1);
        assertThat(timeline).allMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z\t[a-z]+\\.[a-z]+"));
        assertThat(timeline).isSorted();
        List<String> types = timeline.stream().map(line -> line.split("\t")[1]).toList();
        // The logs/*.jsonl glob also takes in the approvals log, whose events come before the run.
        int started = types.indexOf("job.started");
        assertThat(types.subList(0, started)).allMatch(type -> type.startsWith("approval."));
        assertThat(types.get(types.size() - 1)).isEqualTo("job.completed");
        assertThat(types.indexOf("step.started")).isGreaterThan(started);
        assertThat(types.lastIndexOf("step.completed")).isGreaterThan(types.indexOf("step.started"));

        String durationsJson = String.join("\n", lines.subList(durations + 1, total - 1));
        List<String> steps = stepIds(completedJob);
        for (String step : steps) {
            assertThat(durationsJson).containsPattern("\"step\": \"" + step + "\",\\n\\s+\"duration\": [0-9.]+");
        }

        String start = lines.get(total + 1);
        String end = lines.get(total + 2);
        assertThat(start).startsWith("Start: ");
        assertThat(end).startsWith("End: ");
        assertThat(Instant.parse(end.substring(5))).isAfterOrEqualTo(Instant.parse(start.substring(7)));
    }

    @Test
    void metricsExportWritesOneCsvRowPerStepEvent() throws Exception {
        Path folder = folder("metrics");

        GuideShell.Result result = shell.script("export-metrics.sh", folder, completedJob);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.outLines()).containsExactly("âœ“ Metrics exported to metrics.csv");
        List<String> csv = Files.readAllLines(folder.resolve("metrics.csv"), StandardCharsets.UTF_8);
        assertThat(csv.get(0)).isEqualTo("step_id,status,duration_seconds");
        List<String> rows = csv.subList(1, csv.size());
        assertThat(rows).allMatch(row -> row.matches("\"[^\"]+\",\"step\\.[a-z]+\",[0-9.]*"));
        for (String step : stepIds(completedJob)) {
            assertThat(rows).contains("\"" + step + "\",\"step.started\",");
            assertThat(rows).anyMatch(row -> row.matches("\"" + step + "\",\"step\\.completed\",[0-9]+(\\.[0-9]+)?"));
        }
    }

    @Test
    void integrityCheckPassesForAnUntouchedJob() throws Exception {
        GuideShell.Result result = shell.script("validate-integrity.sh", folder("validate"), completedJob);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Validating job " + completedJob + "...", "âœ“ Job integrity verified");
        assertThat(result.err()).isEmpty();
    }

    /** The job's step ids, read through {@code bit status --json}. */
    private static List<String> stepIds(String jobId) throws Exception {
        GuideShell.Result status = shell.bit(shell.work(), "status", "--job-id", jobId, "--json");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        List<String> steps = new ArrayList<>();
        for (JsonNode step : new ObjectMapper().readTree(status.out()).get("steps")) {
            steps.add(step.get("step_id").asText());
        }
        assertThat(steps).isNotEmpty();
        return steps;
    }

    private static int occurrences(String text, String word) {
        int count = 0;
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            count++;
        }
        return count;
    }
}
