package io.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard over a workspace of 10,000 jobs in headless Chromium: the first page, status tabs
 * with counts, paging, search, a job that appears live (over the list's event stream), the
 * approve dialog showing what is approved and the API's refusal, a job file edited by hand that
 * the live counts follow, and a phone-width page that does not scroll sideways. The list is
 * served from the job index (built here as a running server would have it). The time to the
 * first page is printed, not asserted.
 */
class DashboardScaleTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int FILLER = 10_000;
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    @TempDir
    Path dir;

    private Concierge concierge;
    private ConciergeServer server;
    private WebDriver browser;

    @BeforeEach
    void start() {
        Assertions.assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser test needs /usr/bin/chromium and /usr/bin/chromedriver"
                        + " (apt-get install -y chromium chromium-driver)");
        concierge = Concierge.builder(dir.resolve("workspace")).discoverWorkers(true).open();
        System.setProperty("SE_AVOID_STATS", "true");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + dir.resolve("chromium-profile"), "--window-size=1280,1200");
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build(), options);
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
    void tenThousandJobsLoadPageFilterAndUpdateLive() throws Exception {
        Job planned = concierge.createJob(concierge.synthesize("Echo approve me please").id());
        planned = concierge.job(concierge.generatePlan(planned.id()).jobId());
        Job template = concierge.createJob(concierge.synthesize("Echo filler job").id());
        writeFiller(template);
        // builds the job index, as a running server would have it
        assertThat(concierge.listJobs(io.concierge.api.job.JobFilter.all()).jobs()).hasSize(FILLER + 2);
        server = ConciergeServer.start(concierge, ServerOptions.defaults());
        ApiClient api = new ApiClient(server.url());

        long apiStarted = System.nanoTime();
        assertThat(api.get("/api/jobs?order=newest&limit=50").json()).hasSize(50);
        long apiMillis = (System.nanoTime() - apiStarted) / 1_000_000;

        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        browser.get(server.url() + "openapi.json"); // the browser is up and has the origin before the clock starts
        long started = System.nanoTime();
        browser.get(server.url().toString());
        wait.until(d -> rows(d).size() == 50);
        long firstPageMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("DashboardScaleTest: " + (FILLER + 2) + " jobs: GET /api/jobs?order=newest&limit=50 took "
                + apiMillis + " ms; the dashboard showed its first 50 rows " + firstPageMillis + " ms after navigating");

        // tabs with counts
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".tab[data-status='ALL'] .count"),
                String.valueOf(FILLER + 2)));
        assertThat(tabCount("DRAFT")).isEqualTo(String.valueOf(FILLER + 1));
        assertThat(tabCount("PLANNED")).isEqualTo("1");
        assertThat(tabCount("FAILED")).isEqualTo("0");
        // newest first: the template job is the newest of those made through the API
        assertThat(rows(browser).get(0).getAttribute("data-job-id")).isEqualTo(template.id());

        // the next page comes from the server, after the cursor
        browser.findElement(By.id("more")).click();
        wait.until(d -> rows(d).size() == 100);
        List<String> ids = rows(browser).stream().map(r -> r.getAttribute("data-job-id")).toList();
        assertThat(ids).doesNotHaveDuplicates().isSortedAccordingTo(java.util.Comparator.reverseOrder());

        // a status tab asks the server for that status only
        browser.findElement(By.cssSelector(".tab[data-status='PLANNED']")).click();
        wait.until(d -> rows(d).size() == 1);
        assertThat(rows(browser).get(0).getAttribute("data-job-id")).isEqualTo(planned.id());
        browser.findElement(By.cssSelector(".tab[data-status='ALL']")).click();
        wait.until(d -> rows(d).size() == 50);

        // search
        browser.findElement(By.id("search")).sendKeys("approve me");
        wait.until(d -> rows(d).size() == 1);
        assertThat(rows(browser).get(0).getText()).contains("Echo approve me please", "PLANNED");
        browser.findElement(By.id("search")).clear();
        browser.findElement(By.id("search")).sendKeys(" ");
        wait.until(d -> rows(d).size() == 50);

        // a job made elsewhere appears without reloading, and the counts follow
        String intentId = api.post("/api/intents", "{\"text\": \"Echo arriving live\"}").json().get("id").asText();
        String liveId = api.post("/api/jobs", "{\"intent_id\": \"" + intentId + "\"}").json().get("id").asText();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-job-id='" + liveId + "']")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".tab[data-status='ALL'] .count"),
                String.valueOf(FILLER + 3)));

        // a job.yaml edited by hand shows too: the live counts follow the file, not an old index entry
        Path oldFiller = dir.resolve("workspace").resolve("jobs").resolve("j_01M7" + base32(123, 22)).resolve("job.yaml");
        Files.writeString(oldFiller, Files.readString(oldFiller).replace("status: DRAFT", "status: FAILED"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".tab[data-status='FAILED'] .count"), "1"));
        assertThat(tabCount("DRAFT")).isEqualTo(String.valueOf(FILLER + 1));

        // at phone width nothing scrolls sideways
        browser.manage().window().setSize(new Dimension(390, 844));
        wait.until(d -> rows(d).size() >= 50);
        Long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).isLessThanOrEqualTo(0L);

        // the approve dialog shows the plan hash and the inputs; a refusal is shown in it
        browser.get(server.url() + "#/jobs/" + planned.id());
        wait.until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
        WebElement hash = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("approve-plan-hash")));
        assertThat(hash.getText()).isEqualTo(planned.planHash()).isNotBlank();
        assertThat(browser.findElement(By.id("approve-inputs")).getText()).contains("message", "approve me please");
        browser.findElement(By.id("approver")).sendKeys("dana");
        // someone approves it elsewhere while the dialog is open: the dialog stays, and says why it cannot approve
        concierge.approve(planned.id(), "erin", "approved elsewhere first");
        wait.until(ExpectedConditions.attributeToBe(By.id("job-status"), "data-status", "APPROVED"));
        browser.findElement(By.id("confirm-approve")).click();
        WebElement refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#approve-feedback .error")));
        ApiClient.Response again = api.post("/api/jobs/" + planned.id() + "/approve",
                "{\"by\": \"dana\", \"plan_hash\": \"" + planned.planHash() + "\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(refusal.getText()).contains(again.errorKind(), again.json().path("error").path("message").asText());
        assertThat(concierge.job(planned.id()).approvalLog()).singleElement().satisfies(a -> assertThat(a.by()).isEqualTo("erin"));
    }

    private String tabCount(String status) {
        return browser.findElement(By.cssSelector(".tab[data-status='" + status + "'] .count")).getText();
    }

    private static List<WebElement> rows(WebDriver driver) {
        return driver.findElements(By.cssSelector("#jobs-table tbody tr"));
    }

    /** Writes 10,000 DRAFT jobs as copies of a real one's job.yaml under older, time-ordered ids: seconds, not minutes. */
    private void writeFiller(Job template) throws Exception {
        Path jobs = dir.resolve("workspace").resolve("jobs");
        String yaml = Files.readString(jobs.resolve(template.id()).resolve("job.yaml"), StandardCharsets.UTF_8);
        for (int i = 0; i < FILLER; i++) {
            String id = "j_01M7" + base32(i, 22);
            Path folder = Files.createDirectory(jobs.resolve(id));
            Files.writeString(folder.resolve("job.yaml"), yaml.replace(template.id(), id)
                    .replace("Echo filler job", "Echo filler job " + i), StandardCharsets.UTF_8);
        }
    }

    private static String base32(long value, int width) {
        char[] out = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            out[i] = CROCKFORD.charAt((int) (value & 31));
            value >>>= 5;
        }
        return new String(out);
    }
}
