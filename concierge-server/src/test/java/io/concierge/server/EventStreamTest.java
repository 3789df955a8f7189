package io.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.api.Concierge;
import io.concierge.api.trust.KeyRing;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server-Sent Events: a client connected before the run sees every event as it is written, then the end. */
class EventStreamTest {
    /** A guard against a hung stream, far above what the one-second job needs. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static final int MAX_LINES = 10_000;
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;

    private Concierge concierge;
    private ConciergeServer server;
    private ApiClient api;

    @BeforeEach
    void start() {
        concierge = Concierge.builder(dir.resolve("workspace")).discoverWorkers(true)
                .keyRing(KeyRing.folder(dir.resolve("keys"))).open();
        // the local user makes the jobs and approves them in the dashboard
        concierge.setConfig("approval.allow_self_approval", "true");
        server = ConciergeServer.start(concierge, ServerOptions.defaults());
        api = new ApiClient(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
        concierge.close();
    }

    @Test
    void aClientConnectedBeforeTheRunGetsEveryEventLiveAndThenTheEnd() throws Exception {
        String intentId = api.post("/api/intents", "{\"text\": \"Echo streamed words\"}").json().get("id").asText();
        String jobId = api.post("/api/jobs", "{\"intent_id\": \"" + intentId + "\"}").json().get("id").asText();
        assertThat(api.patch("/api/jobs/" + jobId + "/inputs", "{\"delay_seconds\": \"1\"}").status()).isEqualTo(200);
        assertThat(api.post("/api/jobs/" + jobId + "/plan", null).json().get("steps").get(0).get("params")
                .get("delay_seconds").asText()).isEqualTo("1");
        assertThat(api.post("/api/jobs/" + jobId + "/approve", "{\"by\": \"alice\"}").status()).isEqualTo(200);

        HttpResponse<Stream<String>> stream = api.http()
                .sendAsync(api.request("/api/jobs/" + jobId + "/events/stream").GET().build(),
                        HttpResponse.BodyHandlers.ofLines())
                .get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");

        ApiClient.Response run = api.post("/api/jobs/" + jobId + "/run", "{}");
        assertThat(run.status()).isEqualTo(202);
        String runId = run.json().get("run_id").asText();

        List<String> statusWhenStepStarted = new ArrayList<>();
        List<String> lines = assertTimeoutPreemptively(HANG_GUARD, () -> readUntilEnd(stream.body(), line -> {
            if (line.contains("\"type\":\"step.started\"")) {
                statusWhenStepStarted.add(api.get("/api/jobs/" + jobId).json().get("status").asText());
            }
        }));
        // live, not replayed at the end: the step waits a second, and its start arrived while it waited
        assertThat(statusWhenStepStarted).containsExactly("RUNNING");

        List<JsonNode> events = new ArrayList<>();
        JsonNode end = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.equals("event: end")) {
                end = mapper.readTree(lines.get(i + 1).substring("data: ".length()));
            } else if (line.startsWith("data: ") && (i == 0 || !lines.get(i - 1).equals("event: end"))) {
                events.add(mapper.readTree(line.substring("data: ".length())));
            }
        }
        List<String> types = events.stream().map(e -> e.get("type").asText()).toList();
        assertThat(types).startsWith("job.started").endsWith("job.completed")
                .contains("step.started", "step.progress", "step.completed");
        assertThat(types.indexOf("step.started")).isLessThan(types.indexOf("step.completed"));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("run_id").asText()).isEqualTo(runId);
            assertThat(e.get("job_id").asText()).isEqualTo(jobId);
            assertThat(e.get("timestamp").asText()).endsWith("Z");
        });
        JsonNode completedStep = events.get(types.indexOf("step.completed"));
        assertThat(completedStep.get("payload").get("step_id").asText()).isEqualTo("echo");
        assertThat(completedStep.get("payload").get("duration").isNumber()).isTrue();
        assertThat(end).isNotNull();
        assertThat(end.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(end.get("run_id").asText()).isEqualTo(runId);
        // the stream sent exactly the run's log, in order
        List<String> logged = new ArrayList<>();
        api.get("/api/jobs/" + jobId + "/events").json().forEach(e -> logged.add(e.get("type").asText()));
        assertThat(types).isEqualTo(logged);
    }

    @Test
    void aFinishedJobsStreamReplaysItsLatestRunAndEnds() throws Exception {
        String intentId = api.post("/api/intents", "{\"text\": \"Echo already done\"}").json().get("id").asText();
        String jobId = api.post("/api/jobs", "{\"intent_id\": \"" + intentId + "\"}").json().get("id").asText();
        api.post("/api/jobs/" + jobId + "/plan", null);
        api.post("/api/jobs/" + jobId + "/approve", null);
        api.post("/api/jobs/" + jobId + "/run", null);
        api.pollUntil("/api/jobs/" + jobId + "/status", s -> s.get("status").asText().equals("COMPLETED"), 300);

        HttpResponse<Stream<String>> stream = api.http()
                .send(api.request("/api/jobs/" + jobId + "/events/stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        List<String> lines = assertTimeoutPreemptively(HANG_GUARD, () -> readUntilEnd(stream.body(), line -> { }));
        assertThat(lines).anyMatch(l -> l.contains("\"type\":\"job.started\""));
        assertThat(lines).anyMatch(l -> l.contains("\"type\":\"job.completed\""));
        assertThat(lines.get(lines.size() - 2)).isEqualTo("event: end");
    }

    @Test
    void anUnknownJobsStreamIsNotFound() {
        ApiClient.Response response = api.get("/api/jobs/j_missing/events/stream");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorKind()).isEqualTo("not_found");
    }

    /** Reads lines until the line after {@code event: end}, or the stream closes, or MAX_LINES. */
    private static List<String> readUntilEnd(Stream<String> body, java.util.function.Consumer<String> onLine) {
        List<String> lines = new ArrayList<>();
        Iterator<String> it = body.iterator();
        boolean ending = false;
        while (lines.size() < MAX_LINES && it.hasNext()) {
            String line = it.next();
            lines.add(line);
            onLine.accept(line);
            if (ending) {
                break;
            }
            ending = line.equals("event: end");
        }
        body.close();
        return lines;
    }
}
