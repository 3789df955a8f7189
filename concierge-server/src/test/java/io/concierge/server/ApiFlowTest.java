package io.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.concierge.api.Concierge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole lifecycle through the HTTP API, with the real test.echo worker on a workspace on disk. */
class ApiFlowTest {
    @TempDir
    Path dir;

    private Concierge concierge;
    private ConciergeServer server;
    private ApiClient api;

    @BeforeEach
    void start() {
        concierge = Concierge.builder(dir.resolve("workspace")).discoverWorkers(true).defaultApprover("tester").open();
        server = ConciergeServer.start(concierge, ServerOptions.defaults());
        api = new ApiClient(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
        concierge.close();
    }

    @Test
    void sentenceToArtifactThroughTheApi() throws Exception {
        ApiClient.Response intent = api.post("/api/intents", "{\"text\": \"Echo hello server\"}");
        assertThat(intent.status()).isEqualTo(201);
        String intentId = intent.json().get("id").asText();
        assertThat(intent.json().get("verb").asText()).isEqualTo("echo");
        assertThat(intent.header("Location")).isEqualTo("/api/intents/" + intentId);
        assertThat(api.get("/api/intents").json()).extracting(n -> n.get("id").asText()).containsExactly(intentId);
        assertThat(api.get("/api/intents/" + intentId.substring(0, 8)).json().get("text").asText())
                .isEqualTo("Echo hello server");

        ApiClient.Response created = api.post("/api/jobs", "{\"intent_id\": \"" + intentId.substring(0, 10) + "\"}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode job = created.json();
        String jobId = job.get("id").asText();
        assertThat(job.get("status").asText()).isEqualTo("DRAFT");
        assertThat(job.get("package_id").asText()).isEqualTo("test.echo");
        assertThat(job.get("inputs").get("message").asText()).isEqualTo("hello server");

        ApiClient.Response plan = api.post("/api/jobs/" + jobId + "/plan", null);
        assertThat(plan.status()).isEqualTo(201);
        assertThat(plan.json().get("steps").get(0).get("worker").asText()).isEqualTo("test.echo");
        assertThat(api.get("/api/jobs/" + jobId + "/plan").json().get("id").asText())
                .isEqualTo(plan.json().get("id").asText());
        assertThat(api.get("/api/jobs/" + jobId + "/plans").json()).hasSize(1);
        assertThat(api.get("/api/jobs/" + jobId).json().get("status").asText()).isEqualTo("PLANNED");

        ApiClient.Response approved = api.post("/api/jobs/" + jobId + "/approve", "{\"by\": \"alice\", \"note\": \"looks right\"}");
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("APPROVED");
        JsonNode decision = approved.json().get("approval_log").get(0);
        assertThat(decision.get("action").asText()).isEqualTo("approved");
        assertThat(decision.get("by").asText()).isEqualTo("alice");
        assertThat(decision.get("note").asText()).isEqualTo("looks right");

        ApiClient.Response run = api.post("/api/jobs/" + jobId + "/run", "{}");
        assertThat(run.status()).isEqualTo(202);
        assertThat(run.json().get("job_id").asText()).isEqualTo(jobId);
        assertThat(run.json().get("run_id").asText()).startsWith("r_");
        assertThat(run.header("Location")).isEqualTo("/api/jobs/" + jobId + "/status");

        JsonNode status = api.pollUntil("/api/jobs/" + jobId + "/status",
                s -> s.get("status").asText().equals("COMPLETED"), 300);
        assertThat(status.get("last_run").get("id").asText()).isEqualTo(run.json().get("run_id").asText());
        assertThat(status.get("steps").get(0).get("state").asText()).isEqualTo("completed");
        assertThat(status.get("steps").get(0).get("duration_seconds").isNumber()).isTrue();

        List<String> types = new ArrayList<>();
        api.get("/api/jobs/" + jobId + "/events").json().forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).startsWith("job.started").contains("step.started", "step.completed").endsWith("job.completed");
        List<String> allTypes = new ArrayList<>();
        api.get("/api/jobs/" + jobId + "/events?all_runs=true").json().forEach(e -> allTypes.add(e.get("type").asText()));
        assertThat(allTypes).contains("approval.granted", "job.completed");

        JsonNode artifacts = api.get("/api/jobs/" + jobId + "/artifacts").json();
        assertThat(artifacts).hasSize(1);
        JsonNode artifact = artifacts.get(0);
        assertThat(artifact.get("name").asText()).isEqualTo("message.txt");
        assertThat(artifact.get("size").asLong()).isEqualTo("hello server\n".length());
        assertThat(artifact.get("url").asText()).isEqualTo("/api/jobs/" + jobId + "/artifacts/message.txt");
        ApiClient.Response download = api.get(artifact.get("url").asText());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("hello server\n");
        assertThat(download.header("Content-Type")).startsWith("text/plain");
        assertThat(download.header("ETag")).isEqualTo("\"" + artifact.get("sha256").asText() + "\"");
        Path onDisk = dir.resolve("workspace/jobs/" + jobId + "/artifacts/message.txt");
        assertThat(Files.readString(onDisk)).isEqualTo(download.body());

        JsonNode validation = api.get("/api/jobs/" + jobId + "/validate").json();
        assertThat(validation.get("valid").asBoolean()).isTrue();
        assertThat(validation.get("checked")).isNotEmpty();

        List<String> audit = new ArrayList<>();
        api.get("/api/audit?since=2000-01-01T00:00:00Z").json().forEach(e -> audit.add(e.get("type").asText()));
        assertThat(audit).contains("approval.granted", "job.started", "job.completed");
        assertThat(api.get("/api/audit?since=2999-01-01").json()).isEmpty();

        JsonNode listed = api.get("/api/jobs").json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void packagesAreListedAndShownByReference() {
        JsonNode packages = api.get("/api/packages").json();
        List<String> refs = new ArrayList<>();
        packages.forEach(p -> refs.add(p.get("ref").asText()));
        assertThat(refs).contains("test.echo@1.0.0");

        ApiClient.Response echo = api.get("/api/packages/test.echo@1.0.0");
        assertThat(echo.status()).isEqualTo(200);
        assertThat(echo.json().get("inputs").get(0).get("name").asText()).isEqualTo("message");
        assertThat(echo.json().get("approval_required").asBoolean()).isTrue();
        assertThat(api.get("/api/packages/test.echo").json().get("version").asText()).isEqualTo("1.0.0");
        assertThat(api.get("/api/packages/no.such").status()).isEqualTo(404);
    }

    @Test
    void denialSendsAnApprovedJobBackToPlannedWithTheReason() {
        String jobId = plannedJob("Echo deny me");
        api.post("/api/jobs/" + jobId + "/approve", "{\"by\": \"alice\"}");
        ApiClient.Response denied = api.post("/api/jobs/" + jobId + "/deny", "{\"by\": \"bob\", \"reason\": \"wrong text\"}");
        assertThat(denied.status()).isEqualTo(200);
        assertThat(denied.json().get("status").asText()).isEqualTo("PLANNED");
        JsonNode last = denied.json().get("approval_log").get(1);
        assertThat(last.get("action").asText()).isEqualTo("denied");
        assertThat(last.get("by").asText()).isEqualTo("bob");
        assertThat(last.get("note").asText()).isEqualTo("wrong text");

        ApiClient.Response noReason = api.post("/api/jobs/" + jobId + "/deny", "{\"by\": \"bob\"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("error").get("message").asText()).contains("reason");
    }

    @Test
    void inputsChangeWhilePlannedAndAnUnknownInputIsRefused() {
        String jobId = plannedJob("Echo patch me");
        ApiClient.Response patched = api.patch("/api/jobs/" + jobId + "/inputs", "{\"message\": \"patched\", \"delay_seconds\": 0}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("inputs").get("message").asText()).isEqualTo("patched");
        assertThat(patched.json().get("inputs").get("delay_seconds").isNumber()).as("a number input is a JSON number").isTrue();
        assertThat(patched.json().get("inputs").get("fail").isBoolean()).as("a boolean input is a JSON boolean").isTrue();

        ApiClient.Response unknown = api.patch("/api/jobs/" + jobId + "/inputs", "{\"colour\": \"blue\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorKind()).isEqualTo("bad_request");
        assertThat(unknown.json().get("error").get("message").asText()).contains("colour");

        ApiClient.Response nested = api.patch("/api/jobs/" + jobId + "/inputs", "{\"message\": {\"a\": 1}}");
        assertThat(nested.status()).isEqualTo(400);
    }

    @Test
    void aRunningJobCanBeHalted() {
        String jobId = plannedJob("Echo halt me");
        api.patch("/api/jobs/" + jobId + "/inputs", "{\"delay_seconds\": \"30\"}");
        api.post("/api/jobs/" + jobId + "/plan", null);
        api.post("/api/jobs/" + jobId + "/approve", "{\"by\": \"alice\"}");
        assertThat(api.post("/api/jobs/" + jobId + "/run", null).status()).isEqualTo(202);

        ApiClient.Response halt = api.post("/api/jobs/" + jobId + "/halt", "{\"by\": \"carol\"}");
        assertThat(halt.status()).isEqualTo(202);
        JsonNode status = api.pollUntil("/api/jobs/" + jobId + "/status",
                s -> s.get("status").asText().equals("HALTED"), 300);
        assertThat(status.get("last_run").get("error").asText()).contains("carol");

        ApiClient.Response notRunning = api.post("/api/jobs/" + jobId + "/halt", null);
        assertThat(notRunning.status()).isEqualTo(409);
    }

    private String plannedJob(String sentence) {
        String intentId = api.post("/api/intents", "{\"text\": " + ApiClient.quote(sentence) + "}").json().get("id").asText();
        String jobId = api.post("/api/jobs", "{\"intent_id\": \"" + intentId + "\"}").json().get("id").asText();
        assertThat(api.post("/api/jobs/" + jobId + "/plan", null).status()).isEqualTo(201);
        return jobId;
    }
}
