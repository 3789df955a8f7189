package io.concierge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command of the intent → job → plan → approval → run flow, in-process, on a real workspace. */
class FlowCommandsTest {
    @TempDir
    Path home;

    private CliWorkspace ws;

    @BeforeEach
    void setUp() {
        ws = new CliWorkspace(home);
    }

    @Test
    void synthCreatesTheDefaultWorkspaceAndListsIntentsOldestFirst() {
        InProcessBit.Result first = ws.ok("intent", "synth", "--text", "Normalize podcast episode.wav");
        ws.ok("intent", "synth", "--text", "Compress normalized audio to MP3 format");

        assertThat(ws.root().resolve("concierge.json")).isRegularFile();
        assertThat(first.outLines()).anyMatch(line -> line.matches("intent: [0-9a-f]{64}"))
                .contains("text: Normalize podcast episode.wav", "files: episode.wav");
        List<String> lines = ws.ok("intent", "list").outLines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("[0-9a-f]{12}  \\S+Z  Normalize podcast episode.wav");
        assertThat(lines.get(1)).endsWith("  Compress normalized audio to MP3 format");

        // Synthesizing the same text again makes it the newest without a duplicate.
        ws.ok("intent", "synth", "--text", "Normalize podcast episode.wav");
        List<String> again = ws.ok("intent", "list").outLines();
        assertThat(again).hasSize(2);
        assertThat(again.get(1)).endsWith("  Normalize podcast episode.wav");
        assertThat(again.get(1).split("\\s+")[0]).isEqualTo(lines.get(0).split("\\s+")[0]);
    }

    @Test
    void listsHaveAHeaderOnlyOnATerminal() {
        ws.draftJob("Normalize podcast episode.wav");

        assertThat(ws.ok("job", "list").outLines()).hasSize(1);
        ws.bit().interactive(true);
        List<String> onTerminal = ws.ok("job", "list").outLines();
        assertThat(onTerminal).hasSize(2);
        assertThat(onTerminal.get(0)).startsWith("JOB ").contains("STATUS", "PACKAGE", "INTENT");
        assertThat(ws.ok("intent", "list").outLines().get(0)).startsWith("INTENT ");
    }

    @Test
    void intentShowAcceptsAPrefixAndPrintsJson() {
        JsonNode intent = ws.json("intent", "synth", "--text", "Normalize podcast episode.wav to -14 LUFS");
        String prefix = intent.get("id").asText().substring(0, 8);

        JsonNode shown = ws.json("intent", "show", "--intent-id", prefix);

        assertThat(shown.get("id")).isEqualTo(intent.get("id"));
        assertThat(shown.get("verb").asText()).isEqualTo("normalize");
        assertThat(shown.get("files").get(0).asText()).isEqualTo("episode.wav");
        assertThat(shown.get("quantities").get(0).get("unit").asText()).isEqualTo("LUFS");
        assertThat(shown.get("synthesized_at").asText()).endsWith("Z");
        assertThat(ws.ok("intent", "show", "--intent-id", prefix).outLines()).contains("verb: normalize");
        assertThat(ws.json("intent", "list")).hasSize(1);
    }

    @Test
    void jobFromIntentFillsInputsFromTheTextAndShowHasOneStatusLine() {
        Path episode = ws.wav("episode.wav");
        String jobId = ws.draftJob("Normalize podcast episode.wav to -14 LUFS");

        List<String> show = ws.ok("job", "show", "--job-id", jobId).outLines();

        assertThat(show.stream().filter(line -> line.contains("status"))).containsExactly("status: DRAFT");
        assertThat(show).contains("job: " + jobId, "  audio_file: " + episode);
        assertThat(show).anyMatch(line -> line.matches("package: audio\\.normalize@\\S+ \\(confidence [01]\\.\\d\\d\\)"));
        List<String> list = ws.ok("job", "list").outLines();
        assertThat(list).singleElement().asString()
                .matches(jobId + "  DRAFT  audio\\.normalize@\\S+  \\S+Z  Normalize podcast episode\\.wav to -14 LUFS");
        JsonNode json = ws.json("job", "show", "--job-id", jobId);
        assertThat(json.get("status").asText()).isEqualTo("DRAFT");
        assertThat(json.get("inputs").get("audio_file").asText()).isEqualTo(episode.toString());
        assertThat(ws.json("job", "list").get(0).get("id").asText()).isEqualTo(jobId);
    }

    @Test
    void jobSetChangesAndClearsInputs() {
        ws.wav("episode.wav");
        Path other = ws.wav("other.wav");
        String jobId = ws.draftJob("Normalize podcast episode.wav to -14 LUFS");

        JsonNode set = ws.json("job", "set", "--job-id", jobId, "audio_file=" + other, "target_loudness=-16");

        assertThat(set.get("inputs").get("audio_file").asText()).isEqualTo(other.toString());
        assertThat(set.get("inputs").get("target_loudness").asText()).isEqualTo("-16");
        assertThat(ws.ok("job", "show", "--job-id", jobId).outLines()).contains("  target_loudness: -16");

        ws.ok("job", "set", "--job-id", jobId, "target_loudness=");
        assertThat(ws.json("job", "show", "--job-id", jobId).get("inputs").get("target_loudness").isNull()).as("an unset input is null").isTrue();
    }

    @Test
    void planGenerateListShowAndApproveDeny() {
        ws.wav("episode.wav");
        String jobId = ws.draftJob("Normalize podcast episode.wav to -14 LUFS");

        JsonNode plan = ws.json("plan", "generate", "--job-id", jobId);
        assertThat(plan.get("id").asText()).startsWith("p_");
        assertThat(plan.get("steps")).isNotEmpty();
        assertThat(ws.json("job", "show", "--job-id", jobId).get("status").asText()).isEqualTo("PLANNED");

        InProcessBit.Result second = ws.ok("plan", "generate", "--job-id", jobId);
        assertThat(second.outLines()).anyMatch(line -> line.startsWith("plan: p_")).contains("steps:");
        List<String> plans = ws.ok("plan", "list", "--job-id", jobId).outLines();
        assertThat(plans).hasSize(2);
        assertThat(plans.get(0)).startsWith(plan.get("id").asText()).doesNotEndWith("current");
        assertThat(plans.get(1)).endsWith("  current");
        assertThat(ws.json("plan", "list", "--job-id", jobId)).hasSize(2);
        assertThat(ws.json("plan", "show", "--job-id", jobId, "--plan-id", plan.get("id").asText()).get("id"))
                .isEqualTo(plan.get("id"));
        assertThat(ws.ok("plan", "show", "--job-id", jobId).outLines().get(0))
                .isEqualTo("plan: " + plans.get(1).split("\\s+")[0]);

        InProcessBit.Result approve = ws.ok("approve", "--job-id", jobId, "--by", "bob", "--note", "levels ok");
        assertThat(approve.outLines().get(0)).isEqualTo("job " + jobId + " APPROVED");
        assertThat(approve.outLines().get(1)).contains("approved by bob", "\"levels ok\"");

        JsonNode denied = ws.json("deny", "--job-id", jobId, "--reason", "wrong file");
        assertThat(denied.get("status").asText()).isEqualTo("PLANNED");
        JsonNode log = denied.get("approval_log");
        assertThat(log).hasSize(2);
        assertThat(log.get(1).get("action").asText()).isEqualTo("denied");
        assertThat(log.get(1).get("by").asText()).as("the OS user when --by is absent").isEqualTo("alice");
        assertThat(log.get(1).get("note").asText()).isEqualTo("wrong file");
    }

    @Test
    void runStatusTailAndArtifacts() throws Exception {
        ws.wav("episode.wav");
        String jobId = ws.approvedJob("Normalize podcast episode.wav to -14 LUFS");

        InProcessBit.Result run = ws.ok("run", "--job-id", jobId);

        assertThat(run.outLines().get(0)).matches("run r_\\S+  COMPLETED in [0-9.]+ s");
        List<String> paths = run.outLines().subList(1, run.outLines().size());
        assertThat(paths).isNotEmpty().allMatch(path -> Files.isRegularFile(Path.of(path)));
        assertThat(run.errLines()).anyMatch(line -> line.matches("run r_\\S+ started"))
                .anyMatch(line -> line.matches("  step \\S+ started"))
                .anyMatch(line -> line.matches("  step \\S+ completed in [0-9.]+ s"));

        List<String> status = ws.ok("status", "--job-id", jobId).outLines();
        assertThat(status.stream().filter(line -> line.contains("status"))).containsExactly("status: COMPLETED");
        assertThat(status).contains("steps:");
        assertThat(status).anyMatch(line -> line.matches("  \\S+  completed  1  [0-9.]+"));
        JsonNode statusJson = ws.json("status", "--job-id", jobId);
        assertThat(statusJson.get("last_run").get("status").asText()).isEqualTo("COMPLETED");
        assertThat(statusJson.get("interrupted").asBoolean()).isFalse();
        assertThat(ws.ok("job", "show", "--job-id", jobId).outLines().stream().filter(l -> l.contains("status")))
                .containsExactly("status: COMPLETED");

        List<String> tail = ws.ok("tail", "--job-id", jobId).outLines();
        assertThat(tail.get(0)).matches("\\S+Z  job\\.started  -.*");
        assertThat(tail.get(tail.size() - 1)).matches("\\S+Z  job\\.completed  -.*");
        assertThat(tail).anyMatch(line -> line.matches("\\S+Z  step\\.completed  \\S+  .*duration=[0-9.]+.*"));
        assertThat(ws.ok("tail", "--job-id", jobId, "--lines", "1").outLines()).containsExactly(tail.get(tail.size() - 1));
        List<String> jsonTail = ws.ok("tail", "--job-id", jobId, "--json").outLines();
        assertThat(jsonTail).hasSameSizeAs(tail);
        Path log;
        try (var logs = Files.list(ws.root().resolve("jobs").resolve(jobId).resolve("logs"))) {
            log = logs.filter(file -> file.getFileName().toString().matches("run-.*\\.jsonl")).findFirst().orElseThrow();
        }
        assertThat(jsonTail).as("--json prints the log's own lines").isEqualTo(Files.readAllLines(log));
        JsonNode firstEvent = new com.fasterxml.jackson.databind.ObjectMapper().readTree(jsonTail.get(0));
        assertThat(firstEvent.get("type").asText()).isEqualTo("job.started");
        assertThat(firstEvent.get("job_id").asText()).isEqualTo(jobId);

        assertThat(ws.ok("artifacts", "--job-id", jobId).outLines()).isEqualTo(paths);
        JsonNode artifacts = ws.json("artifacts", "--job-id", jobId);
        assertThat(artifacts.get(0).get("path").asText()).isEqualTo(paths.get(0));
        assertThat(artifacts.get(0).get("size").asLong()).isEqualTo(Files.size(Path.of(paths.get(0))));
        assertThat(artifacts.get(0).get("sha256").asText()).hasSize(64);

        // A COMPLETED job runs again only when forced; then there are two runs to tail.
        assertThat(ws.bit().run("run", "--job-id", jobId).exitCode()).isEqualTo(4);
        ws.ok("run", "--job-id", jobId, "--force");
        assertThat(ws.ok("tail", "--job-id", jobId, "--all-runs", "--lines", "1000").outLines())
                .filteredOn(line -> line.contains("  job.started  ")).hasSize(2);
    }

    @Test
    void failedRunExitsOneAndSaysWhy() throws Exception {
        Files.writeString(ws.inputs().resolve("episode.wav"), "not audio");
        String jobId = ws.approvedJob("Normalize podcast episode.wav to -14 LUFS");

        InProcessBit.Result run = ws.bit().run("run", "--job-id", jobId);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.outLines().get(0)).matches("run r_\\S+  FAILED in [0-9.]+ s: .+");
        assertThat(run.errLines()).anyMatch(line -> line.matches("  step \\S+ failed.*: .+"));
        List<String> status = ws.ok("status", "--job-id", jobId).outLines();
        assertThat(status.stream().filter(line -> line.contains("status"))).containsExactly("status: FAILED");
        assertThat(status).anyMatch(line -> line.startsWith("error: "));

        // Running a FAILED job again is allowed; --json still says how it went.
        InProcessBit.Result again = ws.bit().run("run", "--job-id", jobId, "--json");
        assertThat(again.exitCode()).isEqualTo(1);
        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(again.out());
        assertThat(json.get("status").asText()).isEqualTo("FAILED");
        assertThat(json.get("error").asText()).isNotEmpty();
    }

    @Test
    void jobValidatePassesUntouchedAndFailsTampered() throws Exception {
        ws.wav("episode.wav");
        String jobId = ws.approvedJob("Normalize podcast episode.wav to -14 LUFS");

        InProcessBit.Result valid = ws.ok("job", "validate", "--job-id", jobId);
        assertThat(valid.outLines().get(0)).isEqualTo(jobId + ": valid");
        assertThat(ws.json("job", "validate", "--job-id", jobId).get("valid").asBoolean()).isTrue();

        Path yaml = ws.root().resolve("jobs").resolve(jobId).resolve("job.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("-14", "-9"));
        InProcessBit.Result tampered = ws.bit().run("job", "validate", "--job-id", jobId);

        assertThat(tampered.exitCode()).as(tampered.toString()).isEqualTo(1);
        assertThat(tampered.errLines()).singleElement().asString().startsWith("bit: " + jobId + " is not valid: ");
        assertThat(tampered.outLines()).anyMatch(line -> line.startsWith("  "));
    }

    @Test
    void workspaceCommands() {
        Path elsewhere = home.resolve("elsewhere");

        InProcessBit.Result init = ws.ok("init", "--path", elsewhere.toString());
        assertThat(init.out()).isEqualTo("initialised workspace: " + elsewhere + "\n");
        assertThat(ws.ok("init", "--path", elsewhere.toString()).out())
                .isEqualTo("workspace already initialised: " + elsewhere + "\n");

        ws.bit().variable("CONCIERGE_ENV", "dev");
        InProcessBit.Result open = ws.ok("ws", "open", "--path", "../dev-ws");
        assertThat(open.outLines()).containsExactly("workspace: " + home.resolve("dev-ws"), "environment: dev",
                "remembered in: " + home.resolve(".config/concierge/workspaces.json"));
        ws.ok("intent", "synth", "--text", "Normalize podcast episode.wav");

        assertThat(ws.ok("ws", "show").outLines()).containsExactly("workspace: " + home.resolve("dev-ws"),
                "environment: dev", "chosen by: bit ws open (environment dev)", "intents: 1", "jobs: 0");
        JsonNode show = ws.json("ws", "show", "--workspace", elsewhere.toString());
        assertThat(show.get("path").asText()).isEqualTo(elsewhere.toString());
        assertThat(show.get("chosen_by").asText()).isEqualTo("--workspace");
        assertThat(show.get("intents").asInt()).isZero();
        ws.bit().variable("CONCIERGE_WORKSPACE", elsewhere.toString());
        assertThat(ws.json("ws", "show").get("chosen_by").asText()).isEqualTo("$CONCIERGE_WORKSPACE");
    }
}
