package io.concierge.server.report;

import io.concierge.api.Concierge;
import io.concierge.api.approval.Approval;
import io.concierge.api.intent.Intent;
import io.concierge.api.job.Job;
import io.concierge.api.plan.Plan;
import io.concierge.api.plan.Step;
import io.concierge.api.run.Artifact;
import io.concierge.api.run.Run;
import io.concierge.api.run.StatusReport;
import io.concierge.api.run.StepState;
import io.concierge.server.charts.Chart;
import io.concierge.server.charts.ChartTable;
import io.concierge.server.charts.JobCharts;
import io.concierge.server.charts.Svg;
import io.concierge.server.charts.TimelineChart;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the report of a job as one HTML page a person can keep, mail or attach to a ticket: the
 * intent, the plan, the approvals, the latest run with its steps and timings, the artifacts with
 * their SHA-256, and the charts of the run (or of the plan, before a run).
 *
 * <pre>{@code
 * String page = new HtmlReport(concierge, Clock.systemUTC()).render(jobId);
 * Files.writeString(Path.of("report.html"), page);
 * }</pre>
 *
 * <p>The page is self-contained and works offline: styles are inline, charts are inline SVG,
 * there is no script, and nothing refers to a network address (SVG inlined in HTML needs no
 * namespace attribute, so not even that). Every text from the workspace is escaped.
 */
public final class HtmlReport {
    private static final String SVG_NAMESPACE = " xmlns=\"http://www.w3.org/2000/svg\"";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;
    private static final String STYLE = """
            :root { --ink: #1d2430; --muted: #667085; --line: #e3e6eb; --accent: #3457d5; }
            * { box-sizing: border-box; }
            body { margin: 0; background: #f5f6f8; color: var(--ink); font: 15px/1.45 system-ui, -apple-system, "Segoe UI",
              Roboto, "DejaVu Sans", sans-serif; }
            main { max-width: 1040px; margin: 24px auto; padding: 0 20px; }
            h1 { font-size: 22px; margin: 0 0 6px; } h2 { font-size: 17px; margin: 0 0 12px; } h3 { font-size: 15px; margin: 18px 0 6px; }
            section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 16px 20px; margin-bottom: 16px; }
            table { width: 100%; border-collapse: collapse; }
            th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
            th { font-size: 12px; text-transform: uppercase; letter-spacing: .5px; color: var(--muted); font-weight: 600; }
            .kv td:first-child { width: 28%; color: var(--muted); }
            code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px;
              overflow-wrap: anywhere; }
            .muted { color: var(--muted); }
            .status { display: inline-block; padding: 2px 9px; border-radius: 999px; font-size: 12px; font-weight: 700;
              color: #fff; background: #7a8494; }
            .status.COMPLETED { background: #16803c; } .status.FAILED { background: #c62828; } .status.HALTED { background: #b4540a; }
            .status.PLANNED { background: #3457d5; } .status.APPROVED { background: #7b4fd6; } .status.RUNNING { background: #c27803; }
            .failed { color: #c62828; font-weight: 600; } .completed { color: #16803c; font-weight: 600; }
            figure { margin: 8px 0 18px; } figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
            svg { max-width: 100%; height: auto; }
            td.failing { background: #fdecec; color: #8a1c1c; font-weight: 600; outline: 2px solid #e57373; outline-offset: -2px; }
            tr.note td { border-bottom: 1px solid var(--line); font-size: 12px; padding-top: 0; }
            table.problem-rows tbody th { text-transform: none; letter-spacing: 0; color: var(--ink); }
            .error { background: #fdecec; border: 1px solid #f4b4b4; color: #8a1c1c; border-radius: 8px; padding: 8px 12px; }
            footer { color: var(--muted); font-size: 12px; margin: 8px 0 30px; }
            @media print { body { background: #fff; } section { break-inside: avoid; border: none; padding: 0 0 12px; } }
            """;

    private final Concierge concierge;
    private final Clock clock;
    private final JobCharts charts;

    /**
     * A report writer over {@code concierge}.
     *
     * @param concierge the Concierge whose jobs are reported
     * @param clock     the clock of the "generated" line
     */
    public HtmlReport(Concierge concierge, Clock clock) {
        this.concierge = concierge;
        this.clock = clock;
        this.charts = new JobCharts(concierge);
    }

    /**
     * The report of a job.
     *
     * @param jobIdOrPrefix the job's id or a unique prefix
     * @return the HTML page
     */
    public String render(String jobIdOrPrefix) {
        Job job = concierge.job(jobIdOrPrefix);
        StatusReport status = concierge.status(job.id());
        Optional<Plan> plan = job.planId().isEmpty() ? Optional.empty() : Optional.of(concierge.plan(job.id(), job.planId()));
        List<Artifact> artifacts = job.lastRunId().isEmpty() ? List.of() : concierge.artifacts(job.id());
        List<Chart> runCharts = job.lastRunId().isEmpty() ? List.of() : charts.ofRun(job.id());
        List<Chart> planCharts = runCharts.isEmpty() ? charts.ofPlan(job.id()) : List.of();
        Page page = new Page();
        page.raw("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                // opened from a file or a mail, the page still runs nothing and fetches nothing
                .raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';"
                        + " img-src data:\">\n")
                .raw("<title>").text("Concierge report: " + oneLine(job.intentText()) + " (" + job.id() + ")").raw("</title>\n")
                .raw("<style>\n").raw(STYLE).raw("</style>\n</head>\n<body>\n<main>\n");
        head(page, job);
        intent(page, job);
        plan.ifPresent(p -> plan(page, p));
        approvals(page, job);
        run(page, status);
        chartsSection(page, runCharts.isEmpty() ? planCharts : runCharts, runCharts.isEmpty());
        artifactsSection(page, artifacts, job);
        page.raw("<footer>Generated ").text(TIME.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)))
                .raw(" by Concierge from workspace records. Self-contained: this page loads nothing from a network."
                        + " The charts' values are in the reports listed under artifacts.</footer>\n")
                .raw("</main>\n</body>\n</html>\n");
        return page.toString();
    }

    private static void head(Page page, Job job) {
        page.raw("<section id=\"summary\">\n<h1>").text(oneLine(job.intentText())).raw("</h1>\n<p>")
                .raw("<span class=\"status ").text(job.status().name()).raw("\" id=\"status\">").text(job.status().name())
                .raw("</span> <span class=\"mono\">").text(job.id()).raw("</span> · <span class=\"mono\">")
                .text(job.packageRef()).raw("</span> · created ").text(time(job.createdAt()))
                .text(job.createdBy().isEmpty() ? "" : " by " + job.createdBy()).raw("</p>\n</section>\n");
    }

    private void intent(Page page, Job job) {
        page.raw("<section id=\"intent\">\n<h2>Intent</h2>\n<table class=\"kv\"><tbody>\n");
        page.row("text", job.intentText());
        Optional<Intent> intent = intent(job.intentId());
        page.row("intent id", job.intentId());
        intent.ifPresent(i -> {
            page.row("read as", i.distilled());
            page.row("files", String.join(", ", i.files()));
            page.row("values", String.join(", ", i.quantities().stream().map(Object::toString).toList()));
        });
        page.row("package", job.packageRef() + " (match confidence " + String.format(Locale.ROOT, "%.2f", job.confidence()) + ")");
        page.raw("</tbody></table>\n<h3>Inputs</h3>\n<table class=\"kv\"><tbody>\n");
        job.inputs().forEach((name, value) -> page.row(name, value.isEmpty() ? "(not set)" : value));
        page.raw("</tbody></table>\n</section>\n");
    }

    private Optional<Intent> intent(String id) {
        try {
            return Optional.of(concierge.intent(id));
        } catch (RuntimeException e) {
            // an intent file deleted by hand: the job still holds its text, which the report shows
            return Optional.empty();
        }
    }

    private static void plan(Page page, Plan plan) {
        page.raw("<section id=\"plan\">\n<h2>Plan</h2>\n<table class=\"kv\"><tbody>\n");
        page.row("plan", plan.id());
        page.row("plan hash", plan.hash());
        page.row("package", plan.packageId() + "@" + plan.packageVersion() + " (hash " + plan.packageHash() + ")");
        page.row("job spec hash", plan.specHash());
        page.row("generated", time(plan.createdAt()));
        page.row("approval", plan.approvalRequired() ? "required" : "not required");
        page.row("failure handling", plan.maxRetries() + " retries, " + plan.timeoutSeconds() + " s per attempt");
        page.raw("</tbody></table>\n<h3>Steps</h3>\n<table id=\"plan-steps\"><thead><tr><th>Step</th><th>Worker</th>"
                + "<th>Inputs</th><th>Params</th></tr></thead><tbody>\n");
        for (Step step : plan.steps()) {
            page.raw("<tr><td class=\"mono\">").text(step.id()).raw("</td><td class=\"mono\">")
                    .text(step.worker() + "@" + step.workerVersion()).raw("</td><td class=\"mono\">");
            pairs(page, step.inputs(), plan.inputs());
            page.raw("</td><td class=\"mono\">");
            pairs(page, step.params(), plan.inputs());
            page.raw("</td></tr>\n");
        }
        page.raw("</tbody></table>\n</section>\n");
    }

    /** {@code name = value} lines, with {@code ${inputs.x}} shown as the plan bound it. */
    private static void pairs(Page page, Map<String, String> values, Map<String, String> bound) {
        values.forEach((name, value) -> {
            String shown = value;
            if (value.startsWith("${inputs.") && value.endsWith("}")) {
                shown = bound.getOrDefault(value.substring(9, value.length() - 1), value);
            }
            page.raw("<div>").text(name + " = " + shown).raw("</div>");
        });
    }

    private static void approvals(Page page, Job job) {
        page.raw("<section id=\"approvals\">\n<h2>Approvals</h2>\n");
        if (job.approvalLog().isEmpty()) {
            page.raw("<p class=\"muted\">No decisions yet.</p>\n</section>\n");
            return;
        }
        page.raw("<table><thead><tr><th>Decision</th><th>By</th><th>At</th><th>Plan hash</th><th>Note</th><th>Signed</th>"
                + "</tr></thead><tbody>\n");
        for (Approval a : job.approvalLog()) {
            page.raw("<tr><td>").text(a.action().word()).raw("</td><td>").text(a.by()).raw("</td><td>").text(time(a.at()))
                    .raw("</td><td class=\"mono\">").text(a.planHash()).raw("</td><td>").text(a.note())
                    .raw("</td><td>").text(a.signature().isEmpty() ? "no" : "yes (Ed25519)")
                    .text(a.expiresAt().map(e -> ", expires " + time(e)).orElse("")).raw("</td></tr>\n");
        }
        page.raw("</tbody></table>\n</section>\n");
    }

    private void run(Page page, StatusReport status) {
        page.raw("<section id=\"run\">\n<h2>Run</h2>\n");
        if (status.lastRun().isEmpty()) {
            page.raw("<p class=\"muted\">Not run yet.</p>\n</section>\n");
            return;
        }
        Run run = status.lastRun().get();
        page.raw("<table class=\"kv\"><tbody>\n");
        page.row("run", run.id());
        page.row("status", run.status().name() + (status.interrupted() ? " (interrupted)" : ""));
        page.row("started", time(run.startedAt()));
        if (run.endedAt() != null) {
            page.row("ended", time(run.endedAt()));
            page.row("took", seconds(Duration.between(run.startedAt(), run.endedAt()).toMillis() / 1000.0));
        }
        page.raw("</tbody></table>\n");
        if (run.error() != null && !run.error().isEmpty()) {
            page.raw("<p class=\"error\" id=\"run-error\">").text(run.error()).raw("</p>\n");
        }
        page.raw("<h3>Steps</h3>\n<table id=\"steps\"><thead><tr><th>Step</th><th>State</th><th>Tries</th><th>Duration</th>"
                + "<th>Error</th></tr></thead><tbody>\n");
        for (StepState s : status.steps()) {
            page.raw("<tr><td class=\"mono\">").text(s.stepId()).raw("</td><td class=\"").text(s.state()).raw("\">")
                    .text(s.state()).raw("</td><td>").text(Integer.toString(s.attempts())).raw("</td><td>")
                    .text(seconds(s.duration())).raw("</td><td>").text(s.error()).raw("</td></tr>\n");
        }
        page.raw("</tbody></table>\n");
        TimelineChart.of(concierge.events(status.job().id(), false)).ifPresent(svg ->
                page.raw("<h3>Timings</h3>\n<figure id=\"timeline\">").raw(inline(svg)).raw("</figure>\n"));
        page.raw("</section>\n");
    }

    private static void chartsSection(Page page, List<Chart> charts, boolean beforeRun) {
        if (charts.isEmpty()) {
            return;
        }
        page.raw("<section id=\"charts\">\n<h2>").text(beforeRun ? "Before the run" : "Charts").raw("</h2>\n");
        for (Chart chart : charts) {
            if (chart.table() != null) {
                table(page, chart);
                continue;
            }
            if (chart.svg().isEmpty()) {
                page.raw("<p class=\"muted\">").text(chart.title() + " (step " + chart.stepId() + "): " + chart.caption())
                        .raw("</p>\n");
                continue;
            }
            page.raw("<figure class=\"chart\" data-kind=\"").text(chart.kind()).raw("\" data-step=\"").text(chart.stepId())
                    .raw("\">\n<h3>").text(chart.title() + " (step " + chart.stepId() + ")").raw("</h3>\n")
                    .raw(inline(chart.svg())).raw("\n<figcaption>").text(chart.caption())
                    .text(chart.artifact().isEmpty() ? "" : " Values: " + chart.artifact() + ".")
                    .raw("</figcaption>\n</figure>\n");
        }
        page.raw("</section>\n");
    }

    /** A tabular preview: failing cells marked (and said so in their title, for readers without colour). */
    private static void table(Page page, Chart chart) {
        page.raw("<figure class=\"chart\" data-kind=\"").text(chart.kind()).raw("\" data-step=\"").text(chart.stepId())
                .raw("\">\n<h3>").text(chart.title() + " (step " + chart.stepId() + ")").raw("</h3>\n")
                .raw("<table class=\"problem-rows\"><thead><tr><th></th>");
        for (String column : chart.table().columns()) {
            page.raw("<th>").text(column).raw("</th>");
        }
        page.raw("</tr></thead><tbody>\n");
        for (ChartTable.Row row : chart.table().rows()) {
            page.raw("<tr><th class=\"mono\">").text(row.label()).raw("</th>");
            for (int i = 0; i < row.cells().size(); i++) {
                if (row.failing().contains(i)) {
                    page.raw("<td class=\"failing mono\" title=\"").text("failing" + (row.note().isEmpty() ? "" : ": "
                            + row.note())).raw("\">").text(row.cells().get(i)).raw("</td>");
                } else {
                    page.raw("<td class=\"mono\">").text(row.cells().get(i)).raw("</td>");
                }
            }
            page.raw("</tr>\n");
            if (!row.note().isEmpty()) {
                page.raw("<tr class=\"note\"><td></td><td colspan=\"").text(Integer.toString(row.cells().size()))
                        .raw("\" class=\"muted\">").text(row.note()).raw("</td></tr>\n");
            }
        }
        page.raw("</tbody></table>\n<figcaption>").text(chart.caption())
                .text(chart.artifact().isEmpty() ? "" : " Values: " + chart.artifact() + ".").raw("</figcaption>\n</figure>\n");
    }

    private static void artifactsSection(Page page, List<Artifact> artifacts, Job job) {
        page.raw("<section id=\"artifacts\">\n<h2>Artifacts</h2>\n");
        if (artifacts.isEmpty()) {
            page.raw("<p class=\"muted\">None yet.</p>\n</section>\n");
            return;
        }
        page.raw("<p class=\"muted\">In <span class=\"mono\">jobs/").text(job.id())
                .raw("/artifacts/</span> of the workspace; <span class=\"mono\">bit job validate</span> checks them against"
                        + " these hashes.</p>\n<table><thead><tr><th>Name</th><th>Size</th><th>SHA-256</th></tr></thead><tbody>\n");
        for (Artifact a : artifacts) {
            page.raw("<tr><td>").text(a.name()).raw("</td><td>").text(bytes(a.size())).raw("</td><td class=\"mono\">")
                    .text(a.sha256()).raw("</td></tr>\n");
        }
        page.raw("</tbody></table>\n</section>\n");
    }

    /** An SVG document as an element of the HTML page, where the SVG namespace is implied. */
    static String inline(String svg) {
        return svg.startsWith("<svg" + SVG_NAMESPACE) ? "<svg" + svg.substring(4 + SVG_NAMESPACE.length()) : svg;
    }

    private static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f s", s);
    }

    private static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        return n < 1 << 20 ? String.format(Locale.ROOT, "%.1f KiB", n / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /** The page being written: raw markup and escaped text. */
    private static final class Page {
        private final StringBuilder out = new StringBuilder(1 << 16);

        Page raw(String markup) {
            out.append(markup);
            return this;
        }

        Page text(String text) {
            out.append(Svg.escape(text == null ? "" : text));
            return this;
        }

        void row(String name, String value) {
            raw("<tr><td>").text(name).raw("</td><td class=\"mono\">").text(value).raw("</td></tr>\n");
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
