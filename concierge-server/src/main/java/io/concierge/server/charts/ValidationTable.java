package io.concierge.server.charts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A validation's problems as a person wants to see them, from its {@code <stem>-validation.json}:
 * for CSV, the records with a problem cell by cell with the failing cells marked (a missing cell
 * shown empty and marked); for JSON, one row per problem with where it is and what is wrong.
 */
public final class ValidationTable {
    private ValidationTable() {
    }

    /**
     * Whether {@code report} is a validation report.
     *
     * @param report a parsed JSON artifact
     * @return true when it has a {@code summary} with {@code valid} and a {@code problems} list
     */
    public static boolean accepts(JsonNode report) {
        return report.path("summary").path("valid").isBoolean() && report.path("problems").isArray();
    }

    /**
     * The table of a validation.
     *
     * @param stepId   the step that wrote the report
     * @param artifact the report's file name
     * @param report   the parsed report
     * @return the chart, with a table and no SVG
     */
    public static Chart of(String stepId, String artifact, JsonNode report) {
        JsonNode summary = report.path("summary");
        long problems = summary.path("problems").asLong();
        Map<Long, List<String>> messages = new LinkedHashMap<>();
        for (JsonNode p : report.path("problems")) {
            messages.computeIfAbsent(p.path("line").asLong(-1), k -> new ArrayList<>()).add(p.path("message").asText());
        }
        ChartTable table;
        String caption;
        if (report.path("problem_rows").isArray()) {
            List<String> columns = new ArrayList<>();
            report.path("columns").forEach(c -> columns.add(c.path("name").asText()));
            int width = columns.size();
            for (JsonNode row : report.path("problem_rows")) {
                width = Math.max(width, row.path("cells").size());
                for (JsonNode f : row.path("failing")) {
                    width = Math.max(width, f.asInt() + 1);
                }
            }
            while (columns.size() < width) {
                columns.add("column " + (columns.size() + 1));
            }
            List<ChartTable.Row> rows = new ArrayList<>();
            for (JsonNode row : report.path("problem_rows")) {
                List<String> cells = new ArrayList<>();
                row.path("cells").forEach(c -> cells.add(c.asText()));
                while (cells.size() < width) {
                    cells.add("");
                }
                List<Integer> failing = new ArrayList<>();
                row.path("failing").forEach(f -> failing.add(f.asInt()));
                long line = row.path("line").asLong();
                rows.add(new ChartTable.Row("line " + line + (row.path("header").asBoolean() ? " (header)" : ""), cells,
                        failing, String.join("; ", messages.getOrDefault(line, List.of()))));
            }
            table = new ChartTable(columns, rows);
            caption = String.format(Locale.ROOT, "%s: %d problem%s in %d record%s; %s with a problem %s, the failing "
                            + "cells marked (a missing cell is empty).", report.path("file").asText(), problems,
                    problems == 1 ? "" : "s", summary.path("records").asLong(), summary.path("records").asLong() == 1 ? "" : "s",
                    rows.size() == 1 ? "the record" : "the first " + rows.size() + " records", rows.size() == 1 ? "is shown" : "are shown");
        } else {
            List<ChartTable.Row> rows = new ArrayList<>();
            for (JsonNode p : report.path("problems")) {
                String where = p.hasNonNull("pointer") ? p.path("pointer").asText() : "";
                String line = p.hasNonNull("line") ? "line " + p.path("line").asLong()
                        + (p.hasNonNull("column") ? ", column " + p.path("column").asLong() : "") : "";
                rows.add(new ChartTable.Row(line.isEmpty() ? "-" : line, List.of(where, p.path("message").asText()),
                        List.of(0), ""));
                if (rows.size() == 50) {
                    break;
                }
            }
            table = new ChartTable(List.of("where", "problem"), rows);
            caption = String.format(Locale.ROOT, "%s: %d problem%s%s.", report.path("file").asText(), problems,
                    problems == 1 ? "" : "s", problems > rows.size() ? "; the first " + rows.size() + " are shown" : "");
        }
        return new Chart(stepId, "validation", summary.path("valid").asBoolean() ? "Validation: no problems"
                : "Validation problems", caption, artifact, "", table);
    }
}
