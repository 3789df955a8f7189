package io.concierge.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.concierge.api.Concierge;
import io.concierge.api.run.StatusReport;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.JobArgument;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.Sparkline;
import io.concierge.cli.output.WorkText;
import io.concierge.server.charts.JobCharts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code bit status --job-id ID}: the job's status line, its latest run and each step's state. On
 * a terminal, a normalization's output also gets a one-line sparkline of its short-term loudness.
 */
@Command(name = "status", description = "Show a job's status, its latest run and the state of each step.")
public final class StatusCommand extends BitSubcommand {
    @Mixin
    private JobArgument jobArgument;

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public StatusCommand() {
    }

    /** Characters of the sparkline: fits an 80-column terminal with its label and figures. */
    static final int SPARKLINE_WIDTH = 48;
    /** The sparkline's blocks cover at least this range: a steady output looks steady, not its noise magnified. */
    static final double SPARKLINE_SPAN_LU = 10.0;

    /** {@code loudness: <sparkline>  -31.2..-12.0 LUFS short-term, output of episode.wav, 0:12}. */
    static String loudnessLine(JsonNode report) {
        JsonNode values = report.at("/series/output/short_term_lufs");
        List<Double> series = new ArrayList<>();
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (JsonNode v : values) {
            series.add(v.isNumber() ? v.asDouble() : null);
            if (v.isNumber()) {
                low = Math.min(low, v.asDouble());
                high = Math.max(high, v.asDouble());
            }
        }
        String line = Sparkline.of(series, SPARKLINE_WIDTH, SPARKLINE_SPAN_LU);
        if (line.isEmpty()) {
            return "loudness: no short-term reading (the output is shorter than 3 s or silent)";
        }
        long seconds = Math.round(report.path("duration_seconds").asDouble());
        return String.format(Locale.ROOT, "loudness: %s  %.1f..%.1f LUFS short-term, output of %s, %d:%02d",
                line, low, high, report.path("input_file").asText(), seconds / 60, seconds % 60);
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            StatusReport report = concierge.status(jobArgument.id());
            if (json.enabled()) {
                json().print(out(), views(concierge).status(report));
            } else {
                WorkText.statusDetails(report).forEach(out()::println);
                // a picture for a person at a terminal; scripts parse the lines above and get no more
                if (bit().environment().interactive()) {
                    new JobCharts(concierge).loudnessReports(report.job().id()).forEach(r -> out().println(loudnessLine(r)));
                }
            }
        }
        return ExitCodes.OK;
    }
}
