package io.concierge.server.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.Concierge;
import io.concierge.server.charts.Chart;
import io.concierge.server.charts.ChartTable;
import io.concierge.server.charts.JobCharts;
import io.concierge.server.http.Exchange;
import io.concierge.server.http.Router;
import io.concierge.server.report.HtmlReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * {@code /api/jobs/{id}/charts}: the job's charts as SVG text, for the dashboard's job page;
 * {@code /api/jobs/{id}/report}: the job's self-contained HTML report, as {@code bit report}
 * writes it.
 */
public final class ReportRoutes implements Routes {
    /** The report has inline styles and SVG and nothing else: no script, no network. */
    private static final String REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
            + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Concierge concierge;
    private final JobCharts charts;
    private final HtmlReport report;

    /**
     * Creates the endpoints.
     *
     * @param concierge the Concierge served
     * @param clock     the clock of the report's "generated" line
     */
    public ReportRoutes(Concierge concierge, Clock clock) {
        this.concierge = concierge;
        this.charts = new JobCharts(concierge);
        this.report = new HtmlReport(concierge, clock);
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/api/jobs/{id}/charts", this::charts)
                .add("GET", "/api/jobs/{id}/report", this::report);
    }

    private void charts(Exchange ex) throws IOException {
        String jobId = concierge.job(ex.param("id")).id();
        ObjectNode body = ex.json().object();
        body.set("run", list(ex, charts.ofRun(jobId)));
        body.set("plan", list(ex, charts.ofPlan(jobId)));
        ex.send(200, body);
    }

    private static ArrayNode list(Exchange ex, List<Chart> charts) {
        ArrayNode list = ex.json().array();
        for (Chart chart : charts) {
            ObjectNode node = list.addObject().put("step_id", chart.stepId()).put("kind", chart.kind())
                    .put("title", chart.title()).put("caption", chart.caption()).put("artifact", chart.artifact())
                    .put("svg", chart.svg());
            if (chart.table() != null) {
                ObjectNode table = node.putObject("table");
                chart.table().columns().forEach(table.putArray("columns")::add);
                ArrayNode rows = table.putArray("rows");
                for (ChartTable.Row row : chart.table().rows()) {
                    ObjectNode r = rows.addObject().put("label", row.label()).put("note", row.note());
                    row.cells().forEach(r.putArray("cells")::add);
                    row.failing().forEach(r.putArray("failing")::add);
                }
            } else {
                node.putNull("table");
            }
        }
        return list;
    }

    private void report(Exchange ex) throws IOException {
        String jobId = concierge.job(ex.param("id")).id();
        byte[] page = report.render(jobId).getBytes(StandardCharsets.UTF_8);
        ex.setHeader("Content-Security-Policy", REPORT_CSP);
        ex.setHeader("Content-Disposition", "inline; filename=\"" + jobId + "-report.html\"");
        ex.setHeader("Cache-Control", "no-cache");
        try (OutputStream out = ex.startResponse(200, "text/html; charset=utf-8", page.length)) {
            out.write(page);
        }
    }
}
