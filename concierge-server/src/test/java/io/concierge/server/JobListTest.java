package io.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.concierge.api.job.Job;
import io.concierge.api.run.RunOptions;
import io.concierge.testkit.TestConcierge;
import io.concierge.workers.test.EchoWorker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/jobs filters and pages, /api/jobs/counts, and /api/jobs/stream sends changes. */
class JobListTest {
    private TestConcierge concierge;
    private ConciergeServer server;
    private ApiClient api;
    private final List<String> all = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        String echoPackage;
        try (InputStream in = EchoWorker.class.getResourceAsStream("/META-INF/concierge/packages/test/echo/v1.0.0/package.yaml")) {
            echoPackage = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        concierge = TestConcierge.builder().worker(new EchoWorker()).withPackage(echoPackage).open();
        for (int i = 0; i < 5; i++) {
            all.add(concierge.createJob(concierge.synthesize("Echo draft number " + i).id()).id());
        }
        Job planned = concierge.createJob(concierge.synthesize("Echo planned banana").id());
        concierge.generatePlan(planned.id());
        all.add(planned.id());
        Job done = concierge.approvedJob("Echo completed banana");
        concierge.run(done.id(), RunOptions.defaults());
        all.add(done.id());
        server = ConciergeServer.start(concierge, ServerOptions.defaults());
        api = new ApiClient(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
        concierge.close();
    }

    @Test
    void withoutParametersEveryJobOldestFirst() {
        ApiClient.Response response = api.get("/api/jobs");
        assertThat(ids(response.json())).containsExactlyElementsOf(all.stream().sorted().toList());
        assertThat(response.header("X-Total-Count")).isEqualTo("7");
        assertThat(response.header("X-Next-Cursor")).isNull();
    }

    @Test
    void filtersAreHonouredOrRefused() {
        assertThat(ids(api.get("/api/jobs?status=PLANNED").json())).containsExactly(all.get(5));
        assertThat(ids(api.get("/api/jobs?status=planned,completed").json())).containsExactly(all.get(5), all.get(6));
        assertThat(ids(api.get("/api/jobs?q=BANANA").json())).containsExactly(all.get(5), all.get(6));
        assertThat(ids(api.get("/api/jobs?q=banana+completed").json())).containsExactly(all.get(6));
        assertThat(ids(api.get("/api/jobs?status=DRAFT&q=banana").json())).isEmpty();
        for (String bad : List.of("status=DONE", "limit=0", "limit=1001", "limit=ten", "order=random", "cursor=../x",
                "statuses=DRAFT", "since=7d")) {
            ApiClient.Response response = api.get("/api/jobs?" + bad);
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.errorKind()).as(bad).isEqualTo("bad_request");
        }
        assertThat(api.get("/api/jobs?statuses=DRAFT").json().path("error").path("message").asText())
                .contains("unknown query parameter 'statuses'").contains("status");
    }

    @Test
    void pagesFollowTheCursorAndStayStableWhileJobsAreAdded() {
        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            ApiClient.Response page = api.get("/api/jobs?order=newest&limit=3" + (next == null ? "" : "&cursor=" + next));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("X-Total-Count")).isEqualTo(pages == 0 ? "7" : "8");
            seen.addAll(ids(page.json()));
            next = page.header("X-Next-Cursor");
            if (next != null) {
                assertThat(page.header("Link")).contains("cursor=" + next).contains("limit=3").contains("rel=\"next\"");
            }
            if (pages++ == 0) {
                // a job made between pages lands before the first page, not inside the walk
                concierge.createJob(concierge.synthesize("Echo arriving late").id());
            }
        } while (next != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(all.stream().sorted(java.util.Comparator.reverseOrder()).toList());
    }

    @Test
    void countsPerStatusForTheTabs() {
        JsonNode counts = api.get("/api/jobs/counts").json();
        assertThat(counts.path("all").asInt()).isEqualTo(7);
        assertThat(counts.path("by_status").path("DRAFT").asInt()).isEqualTo(5);
        assertThat(counts.path("by_status").path("PLANNED").asInt()).isEqualTo(1);
        assertThat(counts.path("by_status").path("COMPLETED").asInt()).isEqualTo(1);
        assertThat(counts.path("by_status").path("FAILED").asInt()).isZero();
        assertThat(api.get("/api/jobs/counts?q=banana").json().path("all").asInt()).isEqualTo(2);
        assertThat(api.get("/api/jobs/counts?status=DRAFT").status()).isEqualTo(400);
    }

    @Test
    void theStreamSendsCountsThenEachChangedJob() throws Exception {
        HttpResponse<InputStream> response = api.http().send(api.request("/api/jobs/stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(nextEvent(lines, "counts")).contains("\"all\":7");
            String planned = all.get(0);
            concierge.generatePlan(planned);
            String changed = nextEvent(lines, "job");
            assertThat(changed).contains("\"id\":\"" + planned + "\"").contains("\"status\":\"PLANNED\"");
        } finally {
            response.body().close();
        }
    }

    /** Reads events until one of {@code type} arrives; returns its data. The request timeout guards a hang. */
    private static String nextEvent(BufferedReader lines, String type) throws IOException {
        String event = "message";
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ") && event.equals(type)) {
                return line.substring(6);
            } else if (line.isEmpty()) {
                event = "message";
            }
        }
        throw new AssertionError("the stream ended before an event " + type);
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(job -> ids.add(job.path("id").asText()));
        return ids;
    }
}
