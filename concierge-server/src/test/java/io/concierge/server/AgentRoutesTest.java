package io.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.concierge.api.Concierge;
import io.concierge.api.agent.Agent;
import io.concierge.api.agent.AgentListener;
import io.concierge.api.agent.AgentOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/queue and /api/agents, and an approval through the API waking an agent of the same workspace. */
class AgentRoutesTest {
    /** A guard against a hung agent, not a timing assertion. */
    private static final long GUARD_SECONDS = 120;

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

    private String plannedJob(String text) {
        String intent = api.post("/api/intents", "{\"text\": \"" + text + "\"}").json().get("id").asText();
        String job = api.post("/api/jobs", "{\"intent_id\": \"" + intent + "\"}").json().get("id").asText();
        assertThat(api.post("/api/jobs/" + job + "/plan", null).status()).isEqualTo(201);
        return job;
    }

    private void awaitStatus(String job, String status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
        while (!api.get("/api/jobs/" + job).json().get("status").asText().equals(status)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + job + " still not " + status + " after " + GUARD_SECONDS + " s");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void theQueueCountsApprovedJobsAndAnApiApprovalWakesTheAgent() throws Exception {
        assertThat(api.get("/api/queue").json().toString()).isEqualTo("{\"queued\":0,\"by_package\":{}}");
        assertThat(api.get("/api/agents").json()).isEmpty();
        String first = plannedJob("Echo first");
        api.post("/api/jobs/" + first + "/approve", "{\"by\": \"alice\"}");
        assertThat(api.get("/api/queue").json().toString()).isEqualTo("{\"queued\":1,\"by_package\":{\"test.echo\":1}}");

        // An hour's lease: the agent's wait for work times out only after an hour, so only an approval's signal wakes it.
        Agent agent = concierge.agent(AgentOptions.builder().id("dashboard-agent").leaseDuration(Duration.ofHours(1)).build(),
                AgentListener.NONE);
        CompletableFuture<Void> running = CompletableFuture.runAsync(agent::run);
        try {
            awaitStatus(first, "COMPLETED");
            String second = plannedJob("Echo second");
            api.post("/api/jobs/" + second + "/approve", "{\"by\": \"alice\"}");
            awaitStatus(second, "COMPLETED");

            JsonNode agents = api.get("/api/agents").json();
            assertThat(agents).hasSize(1);
            JsonNode listed = agents.get(0);
            assertThat(listed.get("id").asText()).isEqualTo("dashboard-agent");
            assertThat(listed.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
            assertThat(listed.get("state").asText()).isEqualTo("running");
            assertThat(listed.get("stale").asBoolean()).isFalse();
            assertThat(listed.get("concurrency").asInt()).isEqualTo(1);
            assertThat(listed.get("packages")).isEmpty();
            assertThat(listed.get("heartbeat_age_seconds").isNumber()).isTrue();
            assertThat(api.get("/api/queue").json().get("queued").asInt()).isZero();
        } finally {
            agent.close();
            running.get(GUARD_SECONDS, TimeUnit.SECONDS);
        }
        assertThat(api.get("/api/agents").json()).as("signed off").isEmpty();
    }

    @Test
    void aLeaseOutOfRangeIsABadRequest() {
        ApiClient.Response response = api.get("/api/agents?lease_seconds=0");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().toString()).contains("lease_seconds must be a whole number of seconds from 1 to 3600");
    }
}
