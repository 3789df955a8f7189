package io.concierge.server.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.api.agent.AgentStatus;
import io.concierge.api.approval.Approval;
import io.concierge.api.approval.ApprovalAction;
import io.concierge.api.event.Event;
import io.concierge.api.intent.Intent;
import io.concierge.api.intent.Quantity;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.pkg.InputSpec;
import io.concierge.api.pkg.InputType;
import io.concierge.api.pkg.IntentVocabulary;
import io.concierge.api.pkg.PackageMatch;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.api.pkg.VerificationRule;
import io.concierge.api.plan.Plan;
import io.concierge.api.plan.Step;
import io.concierge.api.run.Artifact;
import io.concierge.api.run.CacheStats;
import io.concierge.api.run.Run;
import io.concierge.api.run.StatusReport;
import io.concierge.api.run.StepState;
import io.concierge.api.run.WorkspaceStats;
import io.concierge.api.workspace.ConfigEntry;
import io.concierge.api.workspace.Finding;
import io.concierge.api.workspace.ValidationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Pins the JSON of every API record to a golden file under {@code src/test/resources/json/}.
 * A change of shape shows up as a failing diff here; when it is meant, rewrite the files with
 * {@code -Dgolden.update=true} and review them like code (scripts parse them).
 */
class JsonViewsGoldenTest {
    private static final Instant T0 = Instant.parse("2026-11-25T13:00:00.123Z");
    private static final Instant T1 = Instant.parse("2026-11-25T13:00:01.963Z");
    private static final String JOB_ID = "j_01JDQ7ZK4M8Y3V2N6P0R5S9T1W";
    private static final String PLAN_ID = "p_01JDQ80000000000000000000";
    private static final String RUN_ID = "r_01JDQ81111111111111111111";
    private static final String INTENT_ID = "3f2a9c1d0b7e" + "a".repeat(52);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final TaskPackage echo = echoPackage();
    private final JsonViews cli = JsonViews.forCommandLine(ref -> ref.equals(echo.ref()) ? Optional.of(echo) : Optional.empty());
    private final JsonViews http = JsonViews.forHttp(ref -> ref.equals(echo.ref()) ? Optional.of(echo) : Optional.empty());

    @Test
    void intent() throws IOException {
        Intent intent = new Intent(INTENT_ID, "Normalize podcast episode.wav to -14 LUFS",
                "normalize episode.wav to -14 LUFS", "normalize", List.of("podcast", "episode"),
                List.of("episode.wav"), List.of(new Quantity(-14, "LUFS")), List.of(),
                List.of("integrated loudness -14 LUFS"), List.of(), T0);
        golden("intent", cli.intent(intent));
    }

    @Test
    void jobWithTypedInputsAndApproval() throws IOException {
        golden("job", cli.job(approvedJob()));
    }

    @Test
    void draftJobHasNullsForWhatItDoesNotHaveYet() throws IOException {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("message", "hello");
        inputs.put("delay_seconds", "");
        inputs.put("fail", "");
        Job draft = new Job(JOB_ID, INTENT_ID, "Say hello", "test.echo", "1.0.0", 0.8, JobStatus.DRAFT, inputs,
                T0, T0, "", "", "", "", List.of(), 1);
        JsonNode json = golden("job-draft", cli.job(draft));
        assertThat(json.get("plan_id").isNull()).isTrue();
        assertThat(json.get("inputs").get("fail").isNull()).isTrue();
    }

    @Test
    void jobOfAMissingPackageShowsItsInputsAsText() throws IOException {
        Job job = new Job(JOB_ID, INTENT_ID, "Say hello", "gone.pkg", "2.0.0", 0.8, JobStatus.DRAFT,
                Map.of("fail", "false"), T0, T0, "", "", "", "", List.of(), 1);
        assertThat(cli.job(job).get("inputs").get("fail").isTextual()).isTrue();
    }

    @Test
    void approval() throws IOException {
        golden("approval", cli.approval(approvedJob().approvalLog().get(1)));
    }

    @Test
    void plan() throws IOException {
        JsonNode json = golden("plan", cli.plan(echoPlan()));
        assertThat(json.get("steps").get(0).get("params").get("fail").isBoolean())
                .as("a param bound from a boolean input is a boolean").isTrue();
    }

    @Test
    void step() throws IOException {
        golden("step", cli.step(echo.steps().get(0)));
    }

    @Test
    void run() throws IOException {
        golden("run", cli.run(new Run(RUN_ID, JOB_ID, PLAN_ID, JobStatus.FAILED, T0, T1, "step echo failed: asked to fail")));
    }

    @Test
    void statusReport() throws IOException {
        Run run = new Run(RUN_ID, JOB_ID, PLAN_ID, JobStatus.COMPLETED, T0, T1, "");
        StatusReport report = new StatusReport(approvedJob().toBuilder().status(JobStatus.COMPLETED).lastRunId(RUN_ID).build(), Optional.of(run),
                List.of(new StepState("echo", "completed", 1, 1.84, "")), false);
        JsonNode json = golden("status", http.status(report));
        assertThat(json.toString()).isEqualTo(cli.status(report).toString());
    }

    @Test
    void statusReportBeforeAnyRun() throws IOException {
        StatusReport report = new StatusReport(approvedJob(), Optional.empty(),
                List.of(new StepState("echo", "pending", 0, -1, "")), false);
        JsonNode json = golden("status-not-run", cli.status(report));
        assertThat(json.get("last_run").isNull()).isTrue();
        assertThat(json.get("steps").get(0).get("duration_seconds").isNull()).isTrue();
    }

    @Test
    void stepState() throws IOException {
        golden("step-state", cli.stepState(new StepState("echo", "failed", 2, 0.25, "asked to fail")));
    }

    @Test
    void event() throws IOException {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("step_id", "echo");
        payload.put("duration", 1.84);
        payload.put("attempt", 1);
        payload.put("cached", false);
        payload.put("outputs", List.of("message.txt"));
        golden("event", cli.event(new Event(T1, "step.completed", JOB_ID, RUN_ID, payload)));
    }

    @Test
    void artifactOnTheCommandLineAndOverHttp() throws IOException {
        Artifact artifact = new Artifact("message.txt", Path.of("/srv/ws/jobs", JOB_ID, "artifacts", "message.txt"),
                5, "ab".repeat(32));
        golden("artifact-cli", cli.artifact(JOB_ID, artifact));
        golden("artifact-http", http.artifact(JOB_ID, artifact));
    }

    @Test
    void taskPackage() throws IOException {
        JsonNode json = golden("package", cli.taskPackage(echo));
        assertThat(json.get("inputs").get(2).get("default").isBoolean()).isTrue();
    }

    @Test
    void packageMatch() throws IOException {
        golden("package-match", cli.match(new PackageMatch(echo, 0.8, List.of("verb 'say'", "keyword 'hello'"))));
    }

    @Test
    void validationReport() throws IOException {
        ValidationReport report = new ValidationReport("job " + JOB_ID, List.of("job.yaml", "plan", "approvals"),
                List.of(new Finding("job.yaml", "inputs.message changed after approval")));
        golden("validation", cli.validation(report));
    }

    @Test
    void configEntry() throws IOException {
        golden("config", cli.config(new ConfigEntry("router.max_parallel_steps", "4", "2", "concierge.json",
                "How many independent steps of one job run at once.")));
    }

    @Test
    void workspaceStats() throws IOException {
        Map<JobStatus, Long> byStatus = new EnumMap<>(JobStatus.class);
        byStatus.put(JobStatus.COMPLETED, 3L);
        byStatus.put(JobStatus.FAILED, 1L);
        Map<LocalDate, Long> perDay = new LinkedHashMap<>();
        perDay.put(LocalDate.parse("2026-11-25"), 4L);
        golden("stats", cli.stats(new WorkspaceStats(4, byStatus, 0.75,
                List.of(new WorkspaceStats.PackageDurations("test.echo", 4, 0.5, 1.25)), perDay)));
    }

    @Test
    void cacheStats() throws IOException {
        golden("cache-stats", cli.cacheStats(new CacheStats(3, 4096)));
    }

    @Test
    void agentSeenTenSecondsAfterItsHeartbeat() throws IOException {
        AgentStatus agent = new AgentStatus("a_box_4242_x7", "box", 4242, T0, T1, 2, List.of("audio.*"), List.of(JOB_ID),
                "running");
        golden("agent", cli.agent(agent, T1.plusSeconds(10), Duration.ofSeconds(30)));
        assertThat(http.agent(agent, T1.plusSeconds(91), Duration.ofSeconds(30)).get("stale").asBoolean()).isTrue();
    }

    @Test
    void queueDepth() throws IOException {
        golden("queue", cli.queue(new TreeMap<>(Map.of("test.echo", 2, "audio.normalize", 1))));
    }

    private Job approvedJob() {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("message", "hello");
        inputs.put("delay_seconds", "0.5");
        inputs.put("fail", "false");
        return new Job(JOB_ID, INTENT_ID, "Say hello", "test.echo", "1.0.0", 0.8, JobStatus.APPROVED, inputs, T0, T1,
                "cd".repeat(32), PLAN_ID, "ef".repeat(32), "", List.of(
                        new Approval(ApprovalAction.DENIED, "bob", T0, PLAN_ID, "ef".repeat(32), "wrong file", ""),
                        new Approval(ApprovalAction.APPROVED, "alice", T1, PLAN_ID, "ef".repeat(32), "",
                                "12".repeat(32))), 4);
    }

    private Plan echoPlan() {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("message", "hello");
        inputs.put("delay_seconds", "0.5");
        inputs.put("fail", "false");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("delay_seconds", "0.5");
        params.put("fail", "false");
        return new Plan(PLAN_ID, JOB_ID, "test.echo", "1.0.0", echo.hash(), "cd".repeat(32), 0.8, T0, inputs,
                List.of(new Step("echo", "test.echo", "1.0.0", Map.of("message", "hello"), params)),
                Map.of("message", "${steps.echo.message}"), true, 0, List.of(), 3600, "ef".repeat(32));
    }

    private static TaskPackage echoPackage() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("delay_seconds", "${inputs.delay_seconds}");
        params.put("fail", "${inputs.fail}");
        Map<String, String> resources = new LinkedHashMap<>();
        resources.put("cpu", "1");
        resources.put("memory_mb", "16");
        return new TaskPackage("test.echo", "1.0.0", "Echo a message", "Writes the sentence's message to message.txt.",
                new IntentVocabulary(List.of("echo", "say"), List.of("message", "hello"), List.of(), List.of()),
                List.of(new InputSpec("message", InputType.STRING, true, "", "", List.of(), List.of(), "text",
                                "The text to write."),
                        new InputSpec("delay_seconds", InputType.NUMBER, false, "0", "s", List.of(), List.of(), "",
                                "How long to wait before writing."),
                        new InputSpec("fail", InputType.BOOLEAN, false, "false", "", List.of(), List.of(), "",
                                "Fail on purpose.")),
                List.of(new Step("echo", "test.echo", "1.0.0", Map.of("message", "${inputs.message}"), params)),
                Map.of("message", "${steps.echo.message}"), true, 1, false, 0, List.of(), 3600,
                List.of(new VerificationRule("message", "non_empty", "")), resources, "builtin", "0f".repeat(32));
    }

    /** Compares {@code node}, pretty-printed, with {@code json/<name>.json}, and returns it parsed back. */
    private static JsonNode golden(String name, JsonNode node) throws IOException {
        String actual = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        Path file = Path.of("src/test/resources/json", name + ".json");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        try (var in = JsonViewsGoldenTest.class.getResourceAsStream("/json/" + name + ".json")) {
            String expected = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8)
                    : in == null ? "(no golden file " + file + ")" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(actual).as("JSON of " + name + " against " + file).isEqualTo(expected);
        }
        return MAPPER.readTree(actual);
    }
}
