package io.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.job.Job;
import io.concierge.testkit.TestConcierge;
import io.concierge.workers.test.EchoWorker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /healthz, /readyz, /metrics in Prometheus text, and the access log. */
class ObservabilityTest {
    private TestConcierge concierge;
    private ConciergeServer server;
    private ApiClient api;
    private final List<String> accessLines = new CopyOnWriteArrayList<>();
    private final Logger accessLogger = Logger.getLogger("io.concierge.server.access");
    private final Handler collect = new Handler() {
        @Override
        public void publish(LogRecord record) {
            accessLines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void start() throws IOException {
        String echoPackage;
        try (InputStream in = EchoWorker.class.getResourceAsStream("/META-INF/concierge/packages/test/echo/v1.0.0/package.yaml")) {
            echoPackage = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        concierge = TestConcierge.builder().worker(new EchoWorker()).withPackage(echoPackage).open();
        accessLogger.setLevel(Level.INFO);
        accessLogger.addHandler(collect);
        server = ConciergeServer.start(concierge, ServerOptions.builder().tokenArgument("alice=s3cret-a").build());
        api = new ApiClient(server.url()).withToken("s3cret-a");
    }

    @AfterEach
    void stop() {
        accessLogger.removeHandler(collect);
        server.close();
        concierge.close();
    }

    @Test
    void probesNeedNoTokenAndTheMetricsDo() {
        ApiClient anonymous = new ApiClient(server.url());
        assertThat(anonymous.get("/healthz").json().path("status").asText()).isEqualTo("ok");
        assertThat(anonymous.get("/readyz").json().path("status").asText()).isEqualTo("ready");
        assertThat(anonymous.get("/metrics").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/jobs").status()).isEqualTo(401);
    }

    @Test
    void aRunShowsInTheMetricsAndEveryRequestInTheAccessLog() {
        Job job = concierge.approvedJob("Echo measured");
        Job draft = concierge.createJob(concierge.synthesize("Echo left as a draft").id());
        assertThat(api.post("/api/jobs/" + job.id() + "/run", "{}").status()).isEqualTo(202);
        api.pollUntil("/api/jobs/" + job.id(), j -> j.path("status").asText().equals("COMPLETED"), 300);

        // the run's metrics are recorded right after the run returns: poll for them
        String text = "";
        for (int i = 0; i < 300 && !text.contains("concierge_run_duration_seconds_count{"); i++) {
            ApiClient.Response metrics = api.get("/metrics");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.header("Content-Type")).startsWith("text/plain");
            text = metrics.body();
        }
        assertThat(text)
                .contains("concierge_jobs{status=\"COMPLETED\"} 1.0")
                .contains("concierge_jobs{status=\"DRAFT\"} 1.0")
                .contains("concierge_jobs{status=\"FAILED\"} 0.0")
                .contains("concierge_run_duration_seconds_count{package=\"test.echo\",status=\"COMPLETED\"} 1")
                .contains("concierge_run_duration_seconds_bucket{")
                .contains("concierge_step_duration_seconds_count{package=\"test.echo\"")
                .contains("http_server_requests_seconds_count{method=\"POST\",route=\"/api/jobs/{id}/run\",status=\"202\"} 1");
        assertThat(draft.status().name()).isEqualTo("DRAFT");
        assertThat(accessLines).anySatisfy(line -> assertThat(line)
                .matches("127\\.0\\.0\\.1 alice \"POST /api/jobs/" + job.id() + "/run\" 202 \\d+ \\d+ms"));
        assertThat(accessLines).noneMatch(line -> line.contains("s3cret"));
    }
}
