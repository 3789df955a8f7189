package io.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.job.Job;
import io.concierge.testkit.TestConcierge;
import io.concierge.workers.test.EchoWorker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An approval that names the plan hash its approver saw is refused when the plan changed meanwhile. */
class ApprovePlanHashTest {
    private TestConcierge concierge;
    private ConciergeServer server;
    private ApiClient api;

    @BeforeEach
    void start() throws IOException {
        String echoPackage;
        try (InputStream in = EchoWorker.class.getResourceAsStream("/META-INF/concierge/packages/test/echo/v1.0.0/package.yaml")) {
            echoPackage = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        concierge = TestConcierge.builder().worker(new EchoWorker()).withPackage(echoPackage).open();
        server = ConciergeServer.start(concierge, ServerOptions.defaults());
        api = new ApiClient(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
        concierge.close();
    }

    @Test
    void theShownPlanMustStillBeThePlan() {
        Job job = concierge.createJob(concierge.synthesize("Echo first words").id());
        concierge.generatePlan(job.id());
        String shown = concierge.job(job.id()).planHash();
        concierge.setInputs(job.id(), Map.of("message", "other words"));
        concierge.generatePlan(job.id());
        assertThat(concierge.job(job.id()).planHash()).isNotEqualTo(shown);

        ApiClient.Response refused = api.post("/api/jobs/" + job.id() + "/approve",
                "{\"by\": \"dana\", \"plan_hash\": \"" + shown + "\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorKind()).isEqualTo("plan_changed");
        assertThat(refused.json().path("error").path("message").asText()).contains(shown).contains("approve again");
        assertThat(concierge.job(job.id()).status().name()).isEqualTo("PLANNED");

        String current = concierge.job(job.id()).planHash();
        assertThat(api.post("/api/jobs/" + job.id() + "/approve", "{\"by\": \"dana\", \"plan_hash\": \"" + current + "\"}")
                .json().path("status").asText()).isEqualTo("APPROVED");
    }
}
