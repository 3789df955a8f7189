package io.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.concierge.api.job.Job;
import io.concierge.api.run.RunOptions;
import io.concierge.testkit.TestConcierge;
import io.concierge.workers.test.EchoWorker;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the API answers to wrong requests: every error is JSON with the right status, and no
 * path trick reads a file that is not a listed artifact. The workspace is the testkit's, in memory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiErrorsTest {
    private TestConcierge concierge;
    private ConciergeServer server;
    private ApiClient api;
    private Job completed;
    private Job draft;

    @BeforeAll
    void start() throws IOException {
        String echoPackage;
        try (InputStream in = EchoWorker.class.getResourceAsStream("/META-INF/concierge/packages/test/echo/v1.0.0/package.yaml")) {
            echoPackage = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        concierge = TestConcierge.builder().worker(new EchoWorker()).withPackage(echoPackage).open();
        completed = concierge.approvedJob("Echo secret stays inside");
        concierge.run(completed.id(), RunOptions.defaults());
        draft = concierge.createJob(concierge.synthesize("Echo still a draft").id());
        server = ConciergeServer.start(concierge, ServerOptions.defaults());
        api = new ApiClient(server.url());
    }

    @AfterAll
    void stop() {
        server.close();
        concierge.close();
    }

    @Test
    void malformedJsonIsABadRequestAnsweredInJson() {
        ApiClient.Response response = api.post("/api/intents", "{\"text\": \"Echo oops\"");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.errorKind()).isEqualTo("bad_request");
        assertThat(response.json().get("error").get("message").asText()).startsWith("malformed JSON");

        assertThat(api.post("/api/intents", "{\"text\": \"a\"} trailing").status()).isEqualTo(400);
        assertThat(api.post("/api/intents", "{\"text\": \"a\", \"text\": \"b\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/intents", "[\"Echo\"]").json().get("error").get("message").asText())
                .contains("must be a JSON object");
        assertThat(api.post("/api/intents", "{}").json().get("error").get("message").asText()).contains("\"text\"");
        assertThat(api.post("/api/intents", "{\"text\": 5}").status()).isEqualTo(400);
        assertThat(api.post("/api/intents", "{\"text\": \"Echo x\", \"colour\": 1}").json().get("error").get("message")
                .asText()).contains("unknown field \"colour\"");
        assertThat(api.post("/api/jobs/" + completed.id() + "/run", "{\"force\": \"yes\"}").status()).isEqualTo(400);
    }

    @Test
    void unknownIdsAreNotFound() {
        ApiClient.Response job = api.get("/api/jobs/j_nosuchjob");
        assertThat(job.status()).isEqualTo(404);
        assertThat(job.errorKind()).isEqualTo("not_found");
        assertThat(job.json().get("error").get("message").asText()).contains("j_nosuchjob");
        assertThat(api.get("/api/intents/abcdef0123").status()).isEqualTo(404);
        assertThat(api.post("/api/jobs", "{\"intent_id\": \"abcdef0123\"}").status()).isEqualTo(404);
        assertThat(api.get("/api/jobs/" + draft.id() + "/plan").status()).isEqualTo(404);
        ApiClient.Response route = api.get("/api/nothing/here");
        assertThat(route.status()).isEqualTo(404);
        assertThat(route.json().get("error").get("message").asText()).contains("no such endpoint");
    }

    @Test
    void anAmbiguousPrefixIsAConflict() {
        ApiClient.Response response = api.get("/api/jobs/j_");
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.errorKind()).isEqualTo("ambiguous");
    }

    @Test
    void wrongStateIsAConflict() {
        ApiClient.Response approve = api.post("/api/jobs/" + draft.id() + "/approve", "{\"by\": \"alice\"}");
        assertThat(approve.status()).isEqualTo(409);
        assertThat(approve.errorKind()).isEqualTo("wrong_state");
        assertThat(api.get("/api/jobs/" + draft.id()).json().get("status").asText()).isEqualTo("DRAFT");

        ApiClient.Response runDraft = api.post("/api/jobs/" + draft.id() + "/run", null);
        assertThat(runDraft.status()).isEqualTo(409);
        assertThat(runDraft.json().get("error").get("message").asText()).contains("DRAFT");

        ApiClient.Response runAgain = api.post("/api/jobs/" + completed.id() + "/run", null);
        assertThat(runAgain.status()).isEqualTo(409);
        assertThat(runAgain.json().get("error").get("message").asText()).contains("already COMPLETED");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "..%2F..%2Fjob.yaml", "..%2fjob.yaml", "%2e%2e%2f%2e%2e%2fjob.yaml", "%2E%2E", "..", ".", "../job.yaml",
        "../../job.yaml", "..%5Cjob.yaml", "%2Fetc%2Fpasswd", "/etc/passwd", "job.yaml", "..%252Fjob.yaml",
        "message.txt%00", "message.txt%2F..%2F..%2Fjob.yaml", "%c0%ae%c0%ae%2fjob.yaml"})
    void artifactPathTricksNeverReadOtherFiles(String name) {
        ApiClient.Response response = api.get("/api/jobs/" + completed.id() + "/artifacts/" + name);
        assertThat(response.status()).as(name).isIn(400, 404);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.body()).doesNotContain("intent_text", "approval_log", "root:");
        assertThat(response.json().has("error")).isTrue();
    }

    @Test
    void onlyListedArtifactNamesAreServed() {
        JsonNode listed = api.get("/api/jobs/" + completed.id() + "/artifacts").json();
        assertThat(listed).extracting(a -> a.get("name").asText()).containsExactly("message.txt");
        assertThat(api.get("/api/jobs/" + completed.id() + "/artifacts/message.txt").body())
                .isEqualTo("secret stays inside\n");
        assertThat(api.get("/api/jobs/" + completed.id() + "/artifacts/MESSAGE.TXT").status()).isEqualTo(404);
        assertThat(api.get("/api/jobs/" + draft.id() + "/artifacts/message.txt").status()).isEqualTo(404);
    }

    @Test
    void anOversizedBodyIsRefused() {
        String big = "{\"text\": \"" + "x".repeat(100 * 1024) + "\"}";
        ApiClient.Response response = api.post("/api/intents", big);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.errorKind()).isEqualTo("payload_too_large");
        assertThat(api.get("/api/intents").json()).noneMatch(i -> i.get("text").asText().startsWith("xxx"));

        // the same without a Content-Length: a streamed body is cut off at the limit too
        HttpRequest chunked = api.request("/api/intents")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build();
        assertThat(api.send(chunked).status()).isEqualTo(413);
    }

    @Test
    void aWrongMethodIsNotAllowed() {
        ApiClient.Response delete = api.send("DELETE", "/api/jobs", null);
        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.errorKind()).isEqualTo("method_not_allowed");
        assertThat(delete.header("Allow")).isEqualTo("GET, POST");
        assertThat(api.send("PUT", "/api/jobs/" + draft.id(), "{}").status()).isEqualTo(405);
        assertThat(api.get("/api/jobs/" + draft.id() + "/approve").status()).isEqualTo(405);
        assertThat(api.post("/", "{}").status()).isEqualTo(405);
    }

    @Test
    void badQueryValuesAreBadRequests() {
        assertThat(api.get("/api/jobs/" + completed.id() + "/events?all_runs=maybe").status()).isEqualTo(400);
        ApiClient.Response since = api.get("/api/audit?since=yesterday");
        assertThat(since.status()).isEqualTo(400);
        assertThat(since.json().get("error").get("message").asText()).contains("ISO-8601");
        assertThat(api.get("/api/audit?since=2000-01-01T00:00:00%2B02:00").status()).isEqualTo(200);
    }

    @Test
    void theDashboardIsServedWithAStrictContentSecurityPolicy() {
        for (String path : List.of("/", "/jobs/" + completed.id())) {
            ApiClient.Response page = api.get(path);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.body()).contains("<script src=\"/app.js\"").doesNotContain("http://", "https://");
            assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
        }
        assertThat(api.get("/app.js").header("Content-Type")).startsWith("text/javascript");
        assertThat(api.get("/app.css").body()).contains(".status.COMPLETED");
        assertThat(api.get("/favicon.ico").status()).isEqualTo(404);
    }

    @Test
    void rawRequestsWithDotSegmentsAreRefusedBeforeRouting() throws Exception {
        // the path byte for byte, with no client in between that could normalize it
        String answer = raw("GET /api/jobs/" + completed.id() + "/artifacts/../../job.yaml", "127.0.0.1");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("\"bad_request\"").doesNotContain("intent_text");
    }

    @Test
    void otherSitesCannotActThroughAVisitorsBrowser() throws Exception {
        ApiClient.Response forged = api.send(api.request("/api/jobs/" + draft.id() + "/plan")
                .header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.errorKind()).isEqualTo("forbidden");
        assertThat(api.send(api.request("/api/jobs/" + draft.id() + "/plan").header("Origin", "null")
                .POST(HttpRequest.BodyPublishers.noBody()).build()).status()).isEqualTo(403);
        assertThat(concierge.job(draft.id()).status().name()).isEqualTo("DRAFT");

        String own = "http://127.0.0.1:" + server.port();
        ApiClient.Response sameOrigin = api.send(api.request("/api/intents").header("Origin", own)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"Echo same origin\"}")).build());
        assertThat(sameOrigin.status()).isEqualTo(201);
        assertThat(api.send(api.request("/api/jobs").header("Origin", "http://evil.example").GET().build()).status())
                .isEqualTo(200);

        // DNS rebinding: a foreign name pointed at 127.0.0.1 reads nothing
        assertThat(raw("GET /api/jobs", "evil.example:" + server.port())).startsWith("HTTP/1.1 403").doesNotContain(draft.id());
        assertThat(raw("GET /api/jobs", "localhost:" + server.port())).startsWith("HTTP/1.1 200").contains(draft.id());
    }

    private String raw(String requestLine, String host) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(server.url().getHost(), server.port())) {
            socket.setSoTimeout(10_000);
            String request = requestLine + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
