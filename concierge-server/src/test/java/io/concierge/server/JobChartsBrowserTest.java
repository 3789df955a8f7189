package io.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.concierge.api.Concierge;
import io.concierge.api.trust.KeyRing;
import io.concierge.server.charts.SeriesAssert;
import io.concierge.server.charts.SvgCurves;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The job page of a real normalization in headless Chromium: the plan shows the input's loudness
 * and the predicted gain before approval, the finished run shows input and output on one chart,
 * and what the browser drew matches the series in the step's report. The report link opens a page
 * that loads nothing at all. A transcode shows thumbnails of both sides and their bitrates; a
 * failed validation its problem rows with the failing cells marked.
 * Screenshots: {@code target/dashboard-normalize-plan.png}, {@code target/dashboard-normalize.png},
 * {@code target/report-normalize.png}, {@code target/dashboard-transcode.png},
 * {@code target/dashboard-validation.png}.
 */
class JobChartsBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Concierge concierge;
    private ConciergeServer server;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        TestAudio.programme(dir.resolve("episode.wav"));
        concierge = Concierge.builder(dir.resolve("workspace")).workingDirectory(dir).discoverWorkers(true)
                .keyRing(KeyRing.folder(dir.resolve("keys"))).open();
        concierge.setConfig("approval.allow_self_approval", "true");
        server = ConciergeServer.start(concierge, ServerOptions.defaults());
        browser = HeadlessChromium.start(dir.resolve("chromium-profile"), "1280,1600");
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (concierge != null) {
            concierge.close();
        }
    }

    private String outerHtml(String selector) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "return document.querySelector(arguments[0]).outerHTML", selector);
    }

    @Test
    void aNormalizationIsShownBeforeApprovalAndAfterTheRunAsItsReportRecordsIt() throws Exception {
        ApiClient api = new ApiClient(server.url());
        String intentId = api.post("/api/intents", "{\"text\": \"Normalize episode.wav to -12 LUFS\"}").json().get("id").asText();
        String jobId = api.post("/api/jobs", "{\"intent_id\": \"" + intentId + "\"}").json().get("id").asText();
        assertThat(api.post("/api/jobs/" + jobId + "/plan", null).status()).isEqualTo(201);
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);

        // before approval: the input and where the gain puts it
        browser.get(server.url() + "#/jobs/" + jobId);
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#plan-charts svg path[data-series='predicted.short_term_lufs']")));
        assertThat(browser.findElement(By.cssSelector("#plan-charts figcaption")).getText())
                .contains("the limiter will act");
        HeadlessChromium.screenshot(browser, "dashboard-normalize-plan.png");
        SvgCurves plan = SvgCurves.parse(outerHtml("#plan-charts svg"));
        assertThat(plan.curve("input.short_term_lufs")).hasSize(120 - 29);

        // approve and run in the page
        wait.until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("approver"))).sendKeys("dana");
        browser.findElement(By.id("confirm-approve")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("run"))).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("job-status"), "data-status", "COMPLETED"));
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#charts svg path[data-series='output.short_term_lufs']")));
        browser.findElement(By.id("charts-card")).getLocation();
        ((JavascriptExecutor) browser).executeScript("document.getElementById('charts-card').scrollIntoView()");
        HeadlessChromium.screenshot(browser, "dashboard-normalize.png");

        // what the browser drew is the series of the report, point for point
        JsonNode artifacts = api.get("/api/jobs/" + jobId + "/artifacts").json();
        String reportName = null;
        for (JsonNode a : artifacts) {
            if (a.get("name").asText().endsWith("-loudness.json")) {
                reportName = a.get("name").asText();
            }
        }
        assertThat(reportName).isNotNull();
        JsonNode series = api.get("/api/jobs/" + jobId + "/artifacts/" + reportName).json().get("series");
        SvgCurves drawn = SvgCurves.parse(outerHtml("#charts svg"));
        double interval = series.get("interval_seconds").asDouble();
        for (String curve : List.of("input.short_term_lufs", "output.short_term_lufs", "input.momentary_lufs",
                "output.momentary_lufs", "output.true_peak_dbtp")) {
            String[] parts = curve.split("\\.");
            SeriesAssert.drawnFrom(drawn, curve, series.get(parts[0]).get(parts[1]), interval, 0);
        }
        assertThat(drawn.limiterBars()).isNotEmpty().allSatisfy((i, v) ->
                assertThat(v).isEqualTo(series.get("limiter_reduction_db").get(i).asDouble()));
        assertThat(browser.findElements(By.cssSelector("#charts svg g.gated rect"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("#charts figcaption")).getText()).contains(reportName);

        // the report link: a page with the same chart that loads nothing, not even from this server
        String href = browser.findElement(By.id("report-link")).getAttribute("href");
        assertThat(href).endsWith("/api/jobs/" + jobId + "/report");
        browser.get(href);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#charts svg path[data-series='output.short_term_lufs']")));
        Object loaded = ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat((List<?>) loaded).isEmpty();
        SvgCurves inReport = SvgCurves.parse(outerHtml("#charts svg"));
        SeriesAssert.drawnFrom(inReport, "output.short_term_lufs", series.at("/output/short_term_lufs"), interval, 0);
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("COMPLETED");
        HeadlessChromium.screenshot(browser, "report-normalize.png");
        assertThat(Files.size(Path.of("target", "report-normalize.png"))).isPositive();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFailedValidationShowsItsProblemRowsWithTheFailingCellsMarked() throws Exception {
        Files.writeString(dir.resolve("orders.csv"), "id,customer,amount\n1,Ann,10.5\n2,Bob\n3,\"Cy\"x,7\n4,Dee,3,extra\n");
        ApiClient api = new ApiClient(server.url());
        String intentId = api.post("/api/intents", "{\"text\": \"Validate orders.csv\"}").json().get("id").asText();
        String jobId = api.post("/api/jobs", "{\"intent_id\": \"" + intentId + "\"}").json().get("id").asText();
        assertThat(api.post("/api/jobs/" + jobId + "/plan", null).status()).isEqualTo(201);
        assertThat(api.post("/api/jobs/" + jobId + "/approve", "{\"by\": \"dana\"}").status()).isEqualTo(200);
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);

        browser.get(server.url() + "#/jobs/" + jobId);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("run"))).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("job-status"), "data-status", "FAILED"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#charts table.problem-rows td.failing")));
        ((JavascriptExecutor) browser).executeScript("document.getElementById('charts-card').scrollIntoView()");
        HeadlessChromium.screenshot(browser, "dashboard-validation.png");

        // the report was kept although the step failed, and the table is its problem rows
        JsonNode report = api.get("/api/jobs/" + jobId + "/artifacts/orders-validation.json").json();
        JsonNode rows = report.get("problem_rows");
        assertThat(rows).hasSize(3);
        List<?> shown = (List<?>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#charts table.problem-rows tbody tr[data-label]')].map(tr =>"
                        + " [tr.dataset.label, [...tr.querySelectorAll('td')].map(td => td.textContent),"
                        + " [...tr.querySelectorAll('td')].map((td, i) => td.classList.contains('failing') ? i : -1).filter(i => i >= 0)])");
        assertThat(shown).hasSize(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<?> row = (List<?>) shown.get(r);
            JsonNode expected = rows.get(r);
            assertThat(row.get(0)).isEqualTo("line " + expected.get("line").asLong());
            List<?> cells = (List<?>) row.get(1);
            for (int i = 0; i < expected.get("cells").size(); i++) {
                assertThat(cells.get(i)).isEqualTo(expected.get("cells").get(i).asText());
            }
            List<Object> failing = new java.util.ArrayList<>();
            expected.get("failing").forEach(f -> failing.add(f.asLong()));
            assertThat((List<Object>) row.get(2)).containsExactlyElementsOf(failing);
        }
        assertThat(browser.findElement(By.cssSelector("#charts figcaption")).getText()).contains("3 problems in 4 records");
    }

    @Test
    void aTranscodeShowsThumbnailsOfBothSidesAndTheBitrateItsPreviewRecords() throws Exception {
        TestAudio.clip(dir.resolve("clip.mp4"));
        ApiClient api = new ApiClient(server.url());
        String intentId = api.post("/api/intents", "{\"text\": \"Transcode clip.mp4 at 400 kbps\"}").json().get("id").asText();
        String jobId = api.post("/api/jobs", "{\"intent_id\": \"" + intentId + "\"}").json().get("id").asText();
        assertThat(api.post("/api/jobs/" + jobId + "/plan", null).status()).isEqualTo(201);
        assertThat(api.post("/api/jobs/" + jobId + "/approve", "{\"by\": \"dana\"}").status()).isEqualTo(200);
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);

        browser.get(server.url() + "#/jobs/" + jobId);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("run"))).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("job-status"), "data-status", "COMPLETED"));
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#charts svg path[data-series='bitrate.output_kbps']")));
        // the thumbnails are drawn: each image decoded to a real size, none fetched from anywhere
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "const imgs = document.querySelectorAll('#charts svg image.thumbnail');"
                        + "return imgs.length === 12 && [...imgs].every(i => i.getBBox().width > 0);"));
        ((JavascriptExecutor) browser).executeScript("document.getElementById('charts-card').scrollIntoView()");
        HeadlessChromium.screenshot(browser, "dashboard-transcode.png");

        JsonNode preview = api.get("/api/jobs/" + jobId + "/artifacts/clip-preview.json").json();
        SvgCurves drawn = SvgCurves.parse(outerHtml("#charts svg"));
        double interval = preview.at("/bitrate/interval_seconds").asDouble();
        assertThat(SeriesAssert.drawnFrom(drawn, "bitrate.output_kbps", preview.at("/bitrate/output_kbps"), interval, 0))
                .isEqualTo(6);
        SeriesAssert.drawnFrom(drawn, "bitrate.input_kbps", preview.at("/bitrate/input_kbps"), interval, 0);
        List<?> hrefs = (List<?>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#charts svg image.thumbnail[data-side=output]')]"
                        + ".map(i => i.getAttribute('href'))");
        for (int i = 0; i < hrefs.size(); i++) {
            assertThat(hrefs.get(i)).isEqualTo(preview.at("/thumbnails/output/" + i).asText());
        }
        assertThat(browser.findElement(By.cssSelector("#charts figcaption")).getText()).contains("400 kbit/s target");
    }
}
