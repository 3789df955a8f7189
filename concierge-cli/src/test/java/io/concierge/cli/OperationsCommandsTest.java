package io.concierge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations commands in-process: run's flags and --all-approved, halt, wait, tail --follow,
 * the cache, audit, metrics, stats, and the package list's plugin warnings.
 */
class OperationsCommandsTest {
    @TempDir
    Path home;

    private CliWorkspace ws;

    @BeforeEach
    void setUp() {
        ws = new CliWorkspace(home);
    }

    /** An APPROVED test.echo job writing {@code message}, waiting {@code delay} seconds first. */
    private String echoJob(String message, double delay, boolean fail) {
        String jobId = ws.draftJob("echo " + message);
        ws.ok("job", "set", "--job-id", jobId, "delay_seconds=" + delay, "fail=" + fail);
        ws.ok("plan", "generate", "--job-id", jobId);
        ws.ok("approve", "--job-id", jobId, "--by", "reviewer", "--note", "ok");
        return jobId;
    }

    private String status(String jobId) {
        return ws.json("status", "--job-id", jobId).get("job").get("status").asText();
    }

    private List<String> eventTypes(String jobId) {
        return ws.ok("tail", "--job-id", jobId, "--lines", "1000", "--json").outLines().stream()
                .map(line -> {
                    try {
                        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).get("type").asText();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).toList();
    }

    /** Starts {@code bit run} on another thread and returns once the job is RUNNING. */
    private CompletableFuture<InProcessBit.Result> runInBackground(String jobId) throws InterruptedException {
        CompletableFuture<InProcessBit.Result> run = CompletableFuture.supplyAsync(
                () -> ws.bit().run("run", "--job-id", jobId));
        while (!status(jobId).equals("RUNNING")) {
            assertThat(run).as("the run ended before it was seen RUNNING").isNotDone();
            Thread.sleep(50);
        }
        return run;
    }

    @Test
    void runAllApprovedRunsOnlyApprovedJobsAndSumsUp() {
        String first = echoJob("first", 0, false);
        String second = echoJob("second", 0, false);
        String broken = echoJob("broken", 0, true);
        String draft = ws.draftJob("echo never approved");

        InProcessBit.Result result = ws.bit().run("run", "--all-approved", "--parallel", "2");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        List<String> lines = result.outLines();
        assertThat(lines).hasSize(4);
        assertThat(lines.subList(0, 3)).allMatch(line -> line.startsWith("job j_"));
        assertThat(lines.subList(0, 3)).anyMatch(line -> line.startsWith("job " + broken) && line.contains("FAILED"));
        assertThat(lines.get(3)).isEqualTo("2 completed, 1 failed");
        assertThat(status(first)).isEqualTo("COMPLETED");
        assertThat(status(second)).isEqualTo("COMPLETED");
        assertThat(status(broken)).isEqualTo("FAILED");
        assertThat(status(draft)).isEqualTo("DRAFT");

        // Nothing APPROVED is left: nothing runs and nothing failed.
        assertThat(ws.ok("run", "--all-approved").outLines()).containsExactly("0 completed, 0 failed");
    }

    @Test
    void runNeedsAJobIdOrAllApprovedButNotBoth() {
        assertThat(ws.bit().run("run").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(ws.bit().run("run", "--job-id", "j_x", "--all-approved").exitCode()).isEqualTo(ExitCodes.USAGE);
        InProcessBit.Result badSteps = ws.bit().run("run", "--job-id", "j_x", "--parallel-steps", "65");
        assertThat(badSteps.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badSteps.err()).contains("--parallel-steps");
        InProcessBit.Result misplaced = ws.bit().run("run", "--job-id", "j_x", "--parallel", "2");
        assertThat(misplaced.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(misplaced.err()).contains("--all-approved").contains("--parallel-steps");
    }

    @Test
    void identicalStepsComeFromTheCacheUnlessNoCacheIsGiven() {
        String first = echoJob("same words", 0, false);
        ws.ok("run", "--job-id", first);
        String second = echoJob("same words", 0, false);
        ws.ok("run", "--job-id", second, "--parallel-steps", "2");
        String third = echoJob("same words", 0, false);
        ws.ok("run", "--job-id", third, "--no-cache");

        assertThat(eventTypes(first)).doesNotContain("step.cached");
        assertThat(eventTypes(second)).contains("step.cached").doesNotContain("step.started");
        assertThat(eventTypes(third)).contains("step.started").doesNotContain("step.cached");
        JsonNode stats = ws.json("cache", "stats");
        assertThat(stats.get("entries").asLong()).isPositive();
        assertThat(stats.get("bytes").asLong()).isPositive();
        assertThat(ws.ok("cache", "stats").outLines())
                .containsExactly("entries: " + stats.get("entries").asLong(), "bytes: " + stats.get("bytes").asLong());

        assertThat(ws.ok("cache", "prune").outLines())
                .containsExactly("removed " + stats.get("entries").asLong() + " entries, " + stats.get("bytes").asLong()
                        + " bytes");
        assertThat(ws.json("cache", "stats").get("entries").asLong()).isZero();
    }

    @Test
    void waitHaltAndWaitAgain() throws Exception {
        String done = echoJob("quick", 0, false);
        ws.ok("run", "--job-id", done);
        InProcessBit.Result completed = ws.bit().run("wait", "--job-id", done);
        assertThat(completed.exitCode()).isZero();
        assertThat(completed.outLines()).containsExactly("status: COMPLETED");

        String slow = echoJob("slow", 30, false);
        CompletableFuture<InProcessBit.Result> run = runInBackground(slow);
        InProcessBit.Result timedOut = ws.bit().run("wait", "--job-id", slow, "--timeout", "0.3");
        assertThat(timedOut.exitCode()).as(timedOut.toString()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(timedOut.outLines()).containsExactly("status: RUNNING");
        assertThat(timedOut.err()).contains("still running");

        InProcessBit.Result halt = ws.bit().run("halt", "--job-id", slow, "--by", "ops");
        assertThat(halt.exitCode()).as(halt.toString()).isZero();
        assertThat(halt.out()).contains("halt requested by ops");
        InProcessBit.Result halted = ws.bit().run("wait", "--job-id", slow);
        assertThat(halted.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(halted.outLines()).containsExactly("status: HALTED");
        assertThat(run.get(60, TimeUnit.SECONDS).exitCode()).isEqualTo(ExitCodes.FAILED);

        // Halting a job that is not running is the wrong state.
        assertThat(ws.bit().run("halt", "--job-id", slow).exitCode()).isEqualTo(4);
    }

    @Test
    void tailFollowPrintsNewEventsUntilTheRunEnds() throws Exception {
        String jobId = echoJob("followed", 1.5, false);
        CompletableFuture<InProcessBit.Result> run = runInBackground(jobId);

        InProcessBit.Result tail = ws.bit().run("tail", "--job-id", jobId, "--follow", "--lines", "1");

        assertThat(tail.exitCode()).isZero();
        List<String> lines = tail.outLines();
        assertThat(lines.get(lines.size() - 1)).contains("  job.completed  ");
        assertThat(lines).anyMatch(line -> line.contains("  step.completed  echo"));
        // Every event is printed once: the tail's lines are the log's last lines, in order.
        List<String> all = ws.ok("tail", "--job-id", jobId, "--lines", "1000").outLines();
        assertThat(all.subList(all.size() - lines.size(), all.size())).isEqualTo(lines);
        assertThat(run.get(60, TimeUnit.SECONDS).exitCode()).isZero();

        // A finished run: --follow prints the last lines and returns.
        assertThat(ws.ok("tail", "--job-id", jobId, "--follow", "--lines", "1").outLines())
                .containsExactly(all.get(all.size() - 1));
    }

    @Test
    void auditListsTheTrailAndCheckFindsAnEditedApproval() throws Exception {
        String jobId = echoJob("audited", 0, false);
        ws.ok("run", "--job-id", jobId);

        List<String> trail = ws.ok("audit", "--since", "1d").outLines();
        assertThat(trail).anyMatch(line -> line.matches("\\S+Z  " + jobId + "  approval\\.granted  by=reviewer note=ok "
                + "plan=[0-9a-f]{12}"));
        assertThat(trail).anyMatch(line -> line.matches("\\S+Z  " + jobId + "  job\\.completed"));
        assertThat(ws.ok("audit", "--since", "2999-01-01").outLines()).isEmpty();
        assertThat(ws.json("audit", "--check").get("findings")).isEmpty();
        assertThat(ws.bit().run("audit", "--since", "last week").exitCode()).isEqualTo(ExitCodes.USAGE);

        Path jobFile = ws.root().resolve("jobs").resolve(jobId).resolve("job.yaml");
        String yaml = Files.readString(jobFile, StandardCharsets.UTF_8);
        // The approval now claims to cover another plan than the one that ran.
        String edited = yaml.replaceFirst("(?m)^(    plan_hash: )[0-9a-f]{64}$", "$1" + "0".repeat(64));
        assertThat(edited).isNotEqualTo(yaml);
        Files.writeString(jobFile, edited, StandardCharsets.UTF_8);

        InProcessBit.Result check = ws.bit().run("audit", "--check");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(check.outLines()).anyMatch(line -> line.startsWith(jobId + "  ") && line.contains(": "));
    }

    @Test
    void metricsAndStatsReportTheRuns() {
        String jobId = echoJob("measured", 0, false);
        ws.ok("run", "--job-id", jobId);

        List<String> csv = ws.ok("metrics", "--job-id", jobId).outLines();
        assertThat(csv).hasSize(2);
        assertThat(csv.get(0)).isEqualTo("step_id,status,attempts,duration_seconds");
        assertThat(csv.get(1)).matches("echo,completed,1,\\d+\\.\\d{3}");
        JsonNode json;
        try {
            json = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(ws.ok("metrics", "--job-id", jobId, "--format", "json").out());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(json).hasSize(1);
        assertThat(json.get(0).get("step_id").asText()).isEqualTo("echo");
        assertThat(json.get(0).get("attempts").asInt()).isEqualTo(1);
        assertThat(ws.bit().run("metrics", "--job-id", jobId, "--format", "xml").exitCode()).isEqualTo(ExitCodes.USAGE);

        JsonNode stats = ws.json("stats", "--since", "7d");
        assertThat(stats.get("jobs").asLong()).isEqualTo(1);
        assertThat(stats.get("by_status").get("COMPLETED").asLong()).isEqualTo(1);
        assertThat(stats.get("success_rate").asDouble()).isEqualTo(1.0);
        assertThat(stats.get("packages").get(0).get("package_id").asText()).isEqualTo("test.echo");
        assertThat(ws.ok("stats").outLines()).contains("jobs: 1", "  COMPLETED: 1", "success rate: 100.0%");
    }

    @Test
    void packageListWarnsAboutABrokenPluginAndStillSucceeds() throws Exception {
        ws.ok("init");
        Files.createDirectories(ws.root().resolve("plugins"));
        Files.writeString(ws.root().resolve("plugins").resolve("broken.jar"), "not a jar");

        InProcessBit.Result list = ws.bit().run("package", "list");

        assertThat(list.exitCode()).isZero();
        assertThat(list.outLines()).anyMatch(line -> line.startsWith("test.echo@1.0.0  ") && line.contains("  builtin:"));
        assertThat(list.errLines()).isNotEmpty().allMatch(line -> line.startsWith("bit: warning: ")
                && line.contains("broken.jar"));
    }

    @Test
    void pluginsOptionLoadsJarsFromAnotherFolder() throws Exception {
        ws.ok("init");
        Path extra = Files.createDirectories(ws.root().getParent().resolve("extra-plugins"));
        Files.writeString(extra.resolve("other-broken.jar"), "not a jar either");

        InProcessBit.Result list = ws.bit().run("package", "list", "--plugins", extra.toString());

        assertThat(list.exitCode()).isZero();
        assertThat(list.errLines()).singleElement().satisfies(line -> assertThat(line).startsWith("bit: warning: ")
                .contains("other-broken.jar"));
    }

    @Test
    void conciergeEnvSelectsTheConfigurationOverlay() throws Exception {
        ws.ok("init");
        Files.writeString(ws.root().resolve("concierge.dev.json"), "{\"router\": {\"max_parallel_steps\": 3}}");

        List<String> plain = ws.ok("config", "get", "router.max_parallel_steps").outLines();
        ws.bit().variable("CONCIERGE_ENV", "dev");
        List<String> dev = ws.ok("config", "get", "router.max_parallel_steps").outLines();

        assertThat(dev).isNotEqualTo(plain);
        assertThat(String.join("\n", dev)).contains("3");
    }
}
