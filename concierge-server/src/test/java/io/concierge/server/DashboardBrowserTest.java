package io.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.Concierge;
import io.concierge.api.trust.KeyRing;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard end to end in headless Chromium: open a planned job from the jobs table, approve
 * it, run it, watch it complete, and find its artifact. Leaves screenshots in
 * {@code target/dashboard.png} (the job page) and {@code target/dashboard-jobs.png} (the jobs table). Needs Debian's {@code chromium} and {@code chromium-driver}.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Bounds every wait in the page; the echo job itself takes well under a second. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Concierge concierge;
    private ConciergeServer server;
    private WebDriver browser;

    @BeforeEach
    void start() {
        // Never skipped: a missing browser fails the test and names what to install.
        Assertions.assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser test needs /usr/bin/chromium and /usr/bin/chromedriver"
                        + " (apt-get install -y chromium chromium-driver)");
        concierge = Concierge.builder(dir.resolve("workspace")).discoverWorkers(true)
                .keyRing(KeyRing.folder(dir.resolve("keys"))).open();
        // the local user makes the jobs and approves them in the dashboard
        concierge.setConfig("approval.allow_self_approval", "true");
        server = ConciergeServer.start(concierge, ServerOptions.defaults());

        // Selenium must neither download a driver nor send usage statistics: the machine is offline
        System.setProperty("SE_AVOID_STATS", "true");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + dir.resolve("chromium-profile"), "--window-size=1280,1200");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
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

    @Test
    void approveAndRunAPlannedJobFromTheDashboard() throws Exception {
        ApiClient api = new ApiClient(server.url());
        String intentId = api.post("/api/intents", "{\"text\": \"Echo hello from the dashboard\"}").json().get("id").asText();
        String jobId = api.post("/api/jobs", "{\"intent_id\": \"" + intentId + "\"}").json().get("id").asText();
        assertThat(api.post("/api/jobs/" + jobId + "/plan", null).status()).isEqualTo(201);

        // the page re-renders parts of itself as the job changes: an element may go stale between two looks
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        browser.get(server.url().toString());
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-job-id='" + jobId + "']")));
        assertThat(row.getText()).contains("Echo hello from the dashboard", "PLANNED");
        row.findElement(By.cssSelector("a")).click();

        wait.until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
        WebElement approver = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("approver")));
        approver.clear();
        approver.sendKeys("dana");
        browser.findElement(By.id("approval-note")).sendKeys("checked in the browser");
        browser.findElement(By.id("confirm-approve")).click();

        wait.until(ExpectedConditions.attributeToBe(By.id("job-status"), "data-status", "APPROVED"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("approval-trail"), "dana"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("run"))).click();

        wait.until(ExpectedConditions.attributeToBe(By.id("job-status"), "data-status", "COMPLETED"));
        WebElement artifact = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#artifacts a.artifact")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "job.completed"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("step-timeline"), "completed"));

        Path screenshot = Path.of("target", "dashboard.png");
        Files.createDirectories(screenshot.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
                StandardCopyOption.REPLACE_EXISTING);

        assertThat(artifact.getText()).isEqualTo("message.txt");
        assertThat(artifact.getAttribute("href")).endsWith("/api/jobs/" + jobId + "/artifacts/message.txt");
        assertThat(browser.findElement(By.id("plan-steps")).getText()).contains("test.echo@1.0.0");
        assertThat(concierge.job(jobId).approvalLog()).singleElement()
                .satisfies(a -> assertThat(a.by()).isEqualTo("dana"));
        assertThat(api.get("/api/jobs/" + jobId + "/artifacts/message.txt").body())
                .isEqualTo("hello from the dashboard\n");
        assertThat(Files.size(screenshot)).isPositive();

        // back on the jobs table, the job's row shows its new status
        browser.findElement(By.linkText("← all jobs")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("tr[data-job-id='" + jobId + "']"), "COMPLETED"));
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                Path.of("target", "dashboard-jobs.png"), StandardCopyOption.REPLACE_EXISTING);

        // a sentence no package answers: the form shows the API's error and no job is made
        browser.findElement(By.id("sentence")).sendKeys("Frobnicate the moon");
        browser.findElement(By.id("create")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#create-feedback .error")));
        ApiClient.Response refused = api.post("/api/jobs", "{\"intent_id\": \""
                + api.post("/api/intents", "{\"text\": \"Frobnicate the moon\"}").json().get("id").asText() + "\"}");
        assertThat(refused.status()).isBetween(400, 499);
        assertThat(error.getText()).contains(refused.errorKind(), refused.json().get("error").get("message").asText());
        assertThat(api.get("/api/jobs").json()).hasSize(1);
    }

    @Test
    void aRunningStepShowsOneProgressBarInsteadOfProgressLines() {
        ApiClient api = new ApiClient(server.url());
        String intentId = api.post("/api/intents", "{\"text\": \"Echo slowly please\"}").json().get("id").asText();
        String jobId = api.post("/api/jobs", "{\"intent_id\": \"" + intentId + "\"}").json().get("id").asText();
        // long enough to be seen running; the test halts it rather than waiting for it
        assertThat(api.patch("/api/jobs/" + jobId + "/inputs", "{\"delay_seconds\": 600}").status()).isEqualTo(200);
        assertThat(api.post("/api/jobs/" + jobId + "/plan", null).status()).isEqualTo(201);
        assertThat(api.post("/api/jobs/" + jobId + "/approve", "{\"by\": \"dana\"}").status()).isEqualTo(200);

        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        browser.get(server.url() + "#/jobs/" + jobId);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("run"))).click();
        // the bar is redrawn as progress arrives: look it up afresh each time
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#step-timeline progress.step-progress")));
        wait.until(d -> Integer.parseInt(d.findElement(By.cssSelector("#step-timeline progress.step-progress")).getAttribute("value")) > 0);
        assertThat(browser.findElements(By.cssSelector("#step-timeline progress.step-progress"))).hasSize(1);
        String max = wait.until(d -> d.findElement(By.cssSelector("#step-timeline progress.step-progress")).getAttribute("max"));
        assertThat(max).isEqualTo("100");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "step.started"));
        assertThat(browser.findElement(By.id("log")).getText()).doesNotContain("step.progress");

        wait.until(ExpectedConditions.elementToBeClickable(By.id("halt"))).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("job-status"), "data-status", "HALTED"));
        assertThat(browser.findElements(By.cssSelector("#step-timeline progress.step-progress"))).isEmpty();
    }
}
