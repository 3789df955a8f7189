package io.concierge.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.StatusReport;
import io.concierge.api.run.StepState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonViewsTest {
    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode printed(Object view) throws Exception {
        StringWriter out = new StringWriter();
        new JsonPrinter().print(new PrintWriter(out), view);
        return mapper.readTree(out.toString());
    }

    @Test
    void jobIsSnakeCaseWithIsoInstants() throws Exception {
        JsonNode job = printed(JsonViews.job(Fixtures.job(JobStatus.APPROVED)));

        assertThat(job.get("id").asText()).isEqualTo("j_01JDQ7ZK4M8Y3V2N6P0R5S9T1W");
        assertThat(job.get("status").asText()).isEqualTo("APPROVED");
        assertThat(job.get("package_id").asText()).isEqualTo("audio.normalize");
        assertThat(job.get("created_at").asText()).isEqualTo("2026-11-25T13:00:00.123Z");
        assertThat(job.get("inputs").get("target_loudness").asText()).isEqualTo("-14");
        assertThat(job.get("approval_log").get(0).get("action").asText()).isEqualTo("approved");
        assertThat(job.get("approval_log").get(0).get("plan_hash").asText()).isEqualTo("ab".repeat(32));
        assertSnakeCase(job);
    }

    @Test
    void fieldOrderIsStable() throws Exception {
        JsonNode job = printed(JsonViews.job(Fixtures.job(JobStatus.APPROVED)));
        Iterator<String> names = job.fieldNames();
        assertThat(List.of(names.next(), names.next(), names.next())).containsExactly("id", "status", "intent_id");
    }

    @Test
    void statusWithoutRunHasNullRun() throws Exception {
        JsonNode status = printed(JsonViews.status(new StatusReport(Fixtures.job(JobStatus.PLANNED), Optional.empty(),
                List.of(new StepState("normalize", "pending", 0, -1, "")), false)));

        assertThat(status.get("last_run").isNull()).isTrue();
        assertThat(status.get("steps").get(0).get("duration").isNull()).isTrue();
        assertThat(status.get("job").get("status").asText()).isEqualTo("PLANNED");
        assertSnakeCase(status);
    }

    @Test
    void intentAndPlanAreSnakeCase() throws Exception {
        JsonNode intent = printed(JsonViews.intent(Fixtures.intent("Normalize podcast episode.wav")));
        JsonNode plan = printed(JsonViews.plan(Fixtures.plan()));
        JsonNode run = printed(JsonViews.run(Fixtures.run(JobStatus.COMPLETED, "")));

        assertThat(intent.get("short_id").asText()).isEqualTo("3f2a9c1d0b7e");
        assertThat(intent.get("quantities").get(0).get("unit").asText()).isEqualTo("LUFS");
        assertThat(plan.get("steps").get(0).get("worker_version").asText()).isEqualTo("1.0.0");
        assertThat(run.get("ended_at").asText()).isEqualTo("2026-11-25T13:00:01.963Z");
        assertSnakeCase(intent);
        assertSnakeCase(plan);
        assertSnakeCase(run);
    }

    /** Every key we write is lower snake_case; inputs and params are the user's names, so skip them. */
    private static void assertSnakeCase(JsonNode node) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                assertThat(field.getKey()).matches("[a-z][a-z0-9_]*");
                if (!List.of("inputs", "params", "outputs", "payload", "resources").contains(field.getKey())) {
                    assertSnakeCase(field.getValue());
                }
            });
        } else if (node.isArray()) {
            node.forEach(JsonViewsTest::assertSnakeCase);
        }
    }
}
