package io.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.failure.ConciergeException;
import io.concierge.api.job.Job;
import io.concierge.testkit.TestConcierge;
import io.concierge.testkit.FakeWorker;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bearer tokens: who gets in, and whose name an approval is recorded under. */
class AuthTest {
    private static final String PACKAGE = """
            id: text.note
            version: 1.0.0
            name: Write a note
            intent:
              verbs: [note]
              keywords: [note]
            inputs:
              text:
                type: string
                required: true
                fill: text
            steps:
              - id: write
                worker: text.note
                version: 1.0.0
                inputs:
                  text: ${inputs.text}
            outputs:
              note: ${steps.write.note}
            approval:
              required: true
            """;

    private TestConcierge concierge;
    private ConciergeServer server;
    private ApiClient anonymous;

    @BeforeEach
    void start() {
        FakeWorker worker = FakeWorker.builder("text.note").inputs("text").outputs("note").writes("note", "note.txt", "ok").build();
        concierge = TestConcierge.builder().worker(worker).withPackage(PACKAGE).open();
        server = ConciergeServer.start(concierge, ServerOptions.builder()
                .tokenArgument("alice=alice-secret-1")
                .token("bob-secret-2", "bob")
                .build());
        anonymous = new ApiClient(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
        concierge.close();
    }

    @Test
    void everyApiRequestNeedsAValidToken() {
        for (String path : new String[] {"/api/jobs", "/api/intents", "/api/packages", "/openapi.json", "/api/no/such/route"}) {
            ApiClient.Response missing = anonymous.get(path);
            assertThat(missing.status()).as(path).isEqualTo(401);
            assertThat(missing.errorKind()).isEqualTo("unauthorized");
            assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer");
        }
        assertThat(anonymous.withToken("wrong").get("/api/jobs").status()).isEqualTo(401);
        assertThat(anonymous.withToken("alice-secret").get("/api/jobs").status()).isEqualTo(401);
        assertThat(anonymous.withToken("alice-secret-10").get("/api/jobs").status()).isEqualTo(401);
        HttpRequest basic = anonymous.request("/api/jobs").header("Authorization", "Basic YWxpY2U6eA==").GET().build();
        assertThat(anonymous.send(basic).status()).isEqualTo(401);
        assertThat(anonymous.post("/api/intents", "{\"text\": \"Note this\"}").status()).isEqualTo(401);
        assertThat(concierge.intents()).isEmpty();

        assertThat(anonymous.withToken("alice-secret-1").get("/api/jobs").status()).isEqualTo(200);
        assertThat(anonymous.withToken("bob-secret-2").get("/openapi.json").status()).isEqualTo(200);
        // the dashboard's files hold no data; the page asks for the token and sends it with each API call
        assertThat(anonymous.get("/").status()).isEqualTo(200);
    }

    @Test
    void approvalsAreRecordedUnderTheTokensNameWhateverTheBodySays() {
        Job job = concierge.createJob(concierge.synthesize("Note buy milk").id());
        concierge.generatePlan(job.id());
        ApiClient bob = anonymous.withToken("bob-secret-2");

        ApiClient.Response denied = bob.post("/api/jobs/" + job.id() + "/deny", "{\"by\": \"mallory\", \"reason\": \"typo\"}");
        assertThat(denied.status()).isEqualTo(200);
        ApiClient.Response approved = anonymous.withToken("alice-secret-1")
                .post("/api/jobs/" + job.id() + "/approve", "{\"by\": \"mallory\", \"note\": \"fine\"}");
        assertThat(approved.status()).isEqualTo(200);

        assertThat(concierge.job(job.id()).approvalLog())
                .extracting(a -> a.action().word() + " by " + a.by())
                .containsExactly("denied by bob", "approved by alice");
    }

    @Test
    void bindingBeyondLoopbackWithoutATokenIsRefused() {
        assertThatThrownBy(() -> ConciergeServer.start(concierge, ServerOptions.builder().bindAddress("0.0.0.0").build()))
                .isInstanceOf(ConciergeException.class)
                .hasMessageContaining("binding to 0.0.0.0 needs --token NAME=SECRET")
                .extracting(e -> ((ConciergeException) e).kind()).isEqualTo(ConciergeException.Kind.BAD_REQUEST);
        assertThatThrownBy(() -> ConciergeServer.start(concierge, ServerOptions.builder().bindAddress("::").build()))
                .hasMessageContaining("needs --token");
        assertThatThrownBy(() -> ConciergeServer.start(concierge, ServerOptions.builder().bindAddress("no-such-host.invalid").build()))
                .hasMessageContaining("unknown bind address");
    }

    @Test
    void loopbackNeedsNoToken() {
        try (ConciergeServer open = ConciergeServer.start(concierge, ServerOptions.builder().bindAddress("localhost").build())) {
            assertThat(new ApiClient(open.url()).get("/api/jobs").status()).isEqualTo(200);
        }
    }

    @Test
    void tokenArgumentsAreChecked() {
        assertThatThrownBy(() -> ServerOptions.builder().tokenArgument("alice")).hasMessageContaining("NAME=SECRET");
        assertThatThrownBy(() -> ServerOptions.builder().tokenArgument("=secret")).hasMessageContaining("NAME=SECRET");
        assertThatThrownBy(() -> ServerOptions.builder().tokenArgument("alice=")).hasMessageContaining("NAME=SECRET");
        assertThatThrownBy(() -> ServerOptions.builder().tokenArgument("alice=has space")).hasMessageContaining("without spaces");
        assertThatThrownBy(() -> ServerOptions.builder().token("same", "alice").token("same", "bob"))
                .hasMessageContaining("two approvers");
        assertThat(ServerOptions.builder().tokenArgument("alice=a=b").build().tokens()).containsEntry("a=b", "alice");
        assertThatThrownBy(() -> ServerOptions.builder().port(70000).build()).hasMessageContaining("port");
    }
}
