package io.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.concierge.api.failure.ConciergeException;
import io.concierge.api.job.Job;
import io.concierge.testkit.FakeWorker;
import io.concierge.testkit.TestConcierge;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Starting and stopping: ports, closing with streams open, a host's own run executor. */
class ServerLifecycleTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final String PACKAGE = """
            id: text.note
            version: 1.0.0
            name: Write a note
            intent:
              verbs: [note]
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

    @BeforeEach
    void open() {
        FakeWorker worker = FakeWorker.builder("text.note").inputs("text").outputs("note").writes("note", "note.txt", "ok").build();
        concierge = TestConcierge.builder().worker(worker).withPackage(PACKAGE).open();
    }

    @AfterEach
    void close() {
        concierge.close();
    }

    @Test
    void aBusyPortIsAClearFailure() {
        try (ConciergeServer first = ConciergeServer.start(concierge, ServerOptions.defaults())) {
            assertThat(first.url().toString()).isEqualTo("http://127.0.0.1:" + first.port() + "/");
            assertThatThrownBy(() -> ConciergeServer.start(concierge, ServerOptions.builder().port(first.port()).build()))
                    .isInstanceOf(ConciergeException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + first.port());
        }
    }

    @Test
    void closingEndsOpenStreamsAndWakesAwaitClose() throws Exception {
        Job job = concierge.createJob(concierge.synthesize("Note waiting for approval").id());
        concierge.generatePlan(job.id());
        ConciergeServer server = ConciergeServer.start(concierge, ServerOptions.defaults());
        ApiClient api = new ApiClient(server.url());
        HttpResponse<Stream<String>> stream = api.http()
                .sendAsync(api.request("/api/jobs/" + job.id() + "/events/stream").GET().build(),
                        HttpResponse.BodyHandlers.ofLines())
                .get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread waiter = new Thread(() -> {
            try {
                server.awaitClose();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();

        server.close();
        server.close(); // idempotent

        waiter.join(HANG_GUARD.toMillis());
        assertThat(waiter.isAlive()).isFalse();
        assertThat(server.isOpen()).isFalse();
        // the planned job never ran: its stream ends without an end event when the server goes
        List<String> lines = assertTimeoutPreemptively(HANG_GUARD, () -> {
            List<String> read = new ArrayList<>();
            Iterator<String> it = stream.body().iterator();
            while (read.size() < 1000 && it.hasNext()) {
                read.add(it.next());
            }
            return read;
        });
        assertThat(lines).doesNotContain("event: end");
        assertThatThrownBy(() -> api.get("/api/jobs")).isInstanceOf(java.io.UncheckedIOException.class);
    }

    @Test
    void runsGoToTheHostsExecutorWhichTheServerLeavesRunning() {
        ExecutorService hostPool = Executors.newSingleThreadExecutor();
        try {
            Job job = concierge.approvedJob("Note on the host's thread");
            try (ConciergeServer server = ConciergeServer.start(concierge,
                    ServerOptions.builder().runExecutor(hostPool).build())) {
                ApiClient api = new ApiClient(server.url());
                assertThat(api.post("/api/jobs/" + job.id() + "/run", null).status()).isEqualTo(202);
                api.pollUntil("/api/jobs/" + job.id(), j -> j.get("status").asText().equals("COMPLETED"), 300);
            }
            assertThat(hostPool.isShutdown()).isFalse();
        } finally {
            hostPool.shutdownNow();
        }
    }
}
