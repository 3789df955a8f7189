package io.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import io.concierge.api.run.Artifact;
import io.concierge.api.run.RunOptions;
import io.concierge.api.trust.KeyRing;
import io.concierge.server.charts.SeriesAssert;
import io.concierge.server.charts.SvgCurves;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real normalization through the API: its plan's preview chart before approval, its run's
 * loudness chart after, both drawn from the recorded series, and its self-contained report.
 */
class ChartsAndReportTest {
    @TempDir
    Path dir;

    private Concierge concierge;
    private ConciergeServer server;
    private ApiClient api;

    @BeforeEach
    void start() throws Exception {
        TestAudio.programme(dir.resolve("episode.wav"));
        concierge = Concierge.builder(dir.resolve("workspace")).workingDirectory(dir).discoverWorkers(true)
                .keyRing(KeyRing.folder(dir.resolve("keys"))).open();
        concierge.setConfig("approval.allow_self_approval", "true");
        server = ConciergeServer.start(concierge, ServerOptions.defaults());
        api = new ApiClient(server.url());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (concierge != null) {
            concierge.close();
        }
    }

    private String plannedNormalize() {
        Job job = concierge.createJob(concierge.synthesize("Normalize episode.wav to -12 LUFS").id());
        concierge.generatePlan(job.id());
        return job.id();
    }

    @Test
    void thePlanShowsTheInputAndThePredictedGainBeforeApproval() {
        String jobId = plannedNormalize();

        JsonNode charts = api.get("/api/jobs/" + jobId + "/charts").json();

        assertThat(charts.get("run")).isEmpty();
        JsonNode plan = charts.get("plan").get(0);
        assertThat(plan.get("kind").asText()).isEqualTo("loudness-plan");
        assertThat(plan.get("step_id").asText()).isEqualTo("normalize");
        assertThat(plan.get("caption").asText()).contains("the limiter will act").contains("-12 LUFS");
        SvgCurves svg = SvgCurves.parse(plan.get("svg").asText());
        assertThat(svg.names()).contains("input.short_term_lufs", "predicted.short_term_lufs");
        // the predicted curve is the input's moved by the gain the caption names
        Matcher gain = Pattern.compile("takes ([-+][0-9.]+) dB of gain").matcher(plan.get("caption").asText());
        assertThat(gain.find()).isTrue();
        java.util.List<double[]> input = svg.curve("input.short_term_lufs");
        java.util.List<double[]> predicted = svg.curve("predicted.short_term_lufs");
        assertThat(predicted).hasSameSizeAs(input).hasSize(120 - 29);
        assertThat(predicted.get(50)[1] - input.get(50)[1]).isCloseTo(Double.parseDouble(gain.group(1)), within(0.05));
    }

    @Test
    void theRunsChartIsDrawnFromTheSeriesInItsReport() throws Exception {
        String jobId = plannedNormalize();
        concierge.approve(jobId, "dana", "levels ok");
        assertThat(concierge.run(jobId, RunOptions.defaults()).status().name()).isEqualTo("COMPLETED");
        Artifact reportFile = concierge.artifacts(jobId).stream().filter(a -> a.name().endsWith("-loudness.json"))
                .findFirst().orElseThrow();
        JsonNode report = new ObjectMapper().readTree(Files.readString(reportFile.path()));
        JsonNode series = report.get("series");
        double interval = series.get("interval_seconds").asDouble();

        JsonNode chart = api.get("/api/jobs/" + jobId + "/charts").json().get("run").get(0);

        assertThat(chart.get("kind").asText()).isEqualTo("loudness");
        assertThat(chart.get("artifact").asText()).isEqualTo(reportFile.name());
        SvgCurves svg = SvgCurves.parse(chart.get("svg").asText());
        for (String side : new String[] {"input", "output"}) {
            for (String curve : new String[] {"short_term_lufs", "momentary_lufs"}) {
                assertThat(SeriesAssert.drawnFrom(svg, side + "." + curve, series.get(side).get(curve), interval, 0))
                        .isGreaterThan(80);
            }
        }
        SeriesAssert.drawnFrom(svg, "output.true_peak_dbtp", series.at("/output/true_peak_dbtp"), interval, 0);
        // the limiter acted on the clicks: its bars are the series' non-zero values
        JsonNode reduction = series.get("limiter_reduction_db");
        assertThat(report.at("/limiter/applied").asBoolean()).isTrue();
        assertThat(svg.limiterBars()).isNotEmpty().allSatisfy((i, v) -> assertThat(v).isEqualTo(reduction.get(i).asDouble()));
        long nonZero = 0;
        for (JsonNode v : reduction) {
            nonZero += v.asDouble() > 0 ? 1 : 0;
        }
        assertThat(svg.limiterBars()).hasSize((int) nonZero);
        // the quiet middle is gated, and drawn as a band
        assertThat(series.at("/input/gated")).isNotEmpty();
        assertThat(chart.get("svg").asText()).contains("data-series=\"input.gated\"").contains("data-from=\""
                + series.at("/input/gated/0/0").asText());
        assertThat(chart.get("caption").asText()).contains("the limiter reduced the gain by up to");
    }

    @Test
    void theReportIsOnePageThatNeedsNoNetwork() {
        String jobId = plannedNormalize();
        concierge.approve(jobId, "dana", "levels ok");
        concierge.run(jobId, RunOptions.defaults());

        ApiClient.Response response = api.get("/api/jobs/" + jobId + "/report");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/html");
        assertThat(response.header("Content-Security-Policy")).contains("default-src 'none'").doesNotContain("script-src");
        String html = response.body();
        assertThat(html).startsWith("<!doctype html>").contains("Normalize episode.wav to -12 LUFS")
                .contains("id=\"plan-steps\"", "id=\"approvals\"", "dana", "levels ok", "id=\"timeline\"",
                        "data-kind=\"loudness\"", "episode-normalized.wav");
        for (Artifact a : concierge.artifacts(jobId)) {
            assertThat(html).contains(a.sha256());
        }
        assertThat(html).contains(concierge.job(jobId).planHash());
        // offline: nothing refers to a network, no script, no external style or image
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("<link").doesNotContain(" src=").doesNotContain("url(");
    }

    @Test
    void aFailedValidationKeepsItsReportAndShowsItsProblemRows() throws Exception {
        Files.writeString(dir.resolve("orders.csv"), "id,customer,amount\n1,Ann,10.5\n2,Bob\n");
        Job job = concierge.createJob(concierge.synthesize("Validate orders.csv").id());
        concierge.generatePlan(job.id());
        concierge.approve(job.id(), "dana", "");
        assertThat(concierge.run(job.id(), RunOptions.defaults()).status().name()).isEqualTo("FAILED");

        JsonNode charts = api.get("/api/jobs/" + job.id() + "/charts").json();

        JsonNode chart = charts.get("run").get(0);
        assertThat(chart.get("kind").asText()).as(charts.toString()).isEqualTo("validation");
        assertThat(chart.get("svg").asText()).isEmpty();
        assertThat(chart.at("/table/columns")).extracting(JsonNode::asText).containsExactly("id", "customer", "amount");
        JsonNode row = chart.at("/table/rows/0");
        assertThat(row.get("label").asText()).isEqualTo("line 3");
        assertThat(row.get("cells")).extracting(JsonNode::asText).containsExactly("2", "Bob", "");
        assertThat(row.get("failing")).extracting(JsonNode::asInt).containsExactly(2);
        assertThat(row.get("note").asText()).contains("record has 2 fields, expected 3");
        String html = api.get("/api/jobs/" + job.id() + "/report").body();
        assertThat(html).contains("class=\"problem-rows\"").contains("<td class=\"failing mono\" title=\"failing: record has 2");
    }

    @Test
    void anArchiveListsItsEntriesWithSizesAndTheRatio() throws Exception {
        Path reports = Files.createDirectories(dir.resolve("reports/2024"));
        Files.writeString(reports.resolve("summary.txt"), "total: 42\n".repeat(500));
        Files.write(reports.resolve("noise.bin"), new java.util.Random(3).ints(20_000).mapToObj(Integer::toString)
                .collect(java.util.stream.Collectors.joining(",")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Job job = concierge.createJob(concierge.synthesize("Zip the reports folder").id());
        concierge.setInputs(job.id(), java.util.Map.of("source", dir.resolve("reports").toString()));
        concierge.generatePlan(job.id());
        concierge.approve(job.id(), "dana", "");
        assertThat(concierge.run(job.id(), RunOptions.defaults()).status().name()).isEqualTo("COMPLETED");
        JsonNode contents = new ObjectMapper().readTree(Files.readString(concierge.artifacts(job.id()).stream()
                .filter(a -> a.name().equals("reports-contents.json")).findFirst().orElseThrow().path()));

        JsonNode chart = api.get("/api/jobs/" + job.id() + "/charts").json().get("run").get(0);

        assertThat(chart.get("kind").asText()).isEqualTo("archive-contents");
        assertThat(chart.at("/table/columns")).extracting(JsonNode::asText).containsExactly("type", "size", "compressed", "ratio");
        JsonNode rows = chart.at("/table/rows");
        assertThat(rows).hasSameSizeAs(contents.get("entries"));
        for (int i = 0; i < rows.size(); i++) {
            JsonNode entry = contents.get("entries").get(i);
            assertThat(rows.get(i).get("label").asText()).isEqualTo(entry.get("name").asText());
            assertThat(rows.get(i).at("/cells/0").asText()).isEqualTo(entry.get("type").asText());
            if (entry.get("type").asText().equals("file")) {
                assertThat(rows.get(i).at("/cells/3").asText()).isEqualTo(String.format(java.util.Locale.ROOT, "%.2f",
                        entry.get("compressed_size").asDouble() / entry.get("size").asDouble()));
            }
        }
        assertThat(chart.get("caption").asText()).contains("reports.zip (zip)").contains("2 files")
                .contains(String.format(java.util.Locale.ROOT, "ratio %.3f", contents.get("ratio").asDouble()));
        assertThat(api.get("/api/jobs/" + job.id() + "/report").body()).contains("reports/2024/summary.txt");
    }

    @Test
    void anUnknownJobHasNeitherChartsNorReport() {
        assertThat(api.get("/api/jobs/j_nope/charts").status()).isEqualTo(404);
        assertThat(api.get("/api/jobs/j_nope/report").status()).isEqualTo(404);
    }
}
