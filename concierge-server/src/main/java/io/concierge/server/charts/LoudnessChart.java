package io.concierge.server.charts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The loudness of a normalization over time, from the {@code series} of its report
 * ({@code <stem>-loudness.json}): the input's and the output's short-term (bold) and momentary
 * (thin) loudness on one decibel axis, the output's peak, the target as a dashed line, the
 * true-peak ceiling as a red dashed line, the stretches the gate left out of the input's
 * integrated loudness as grey bands, and the limiter's gain reduction in a lane underneath.
 *
 * <p>Every curve is a {@code path} with {@code data-series} naming the report field it draws
 * (e.g. {@code output.short_term_lufs}); the root carries {@code data-x-scale} and
 * {@code data-y-scale} ({@link Scale#describe()}), so a test or a script can turn coordinates back
 * into values. Point {@code i} is drawn at the end of its interval, {@code (i + 1) * interval}.
 * Readings below the chart's floor are drawn on the floor.
 */
public final class LoudnessChart {
    static final double WIDTH = 960;
    static final double LEFT = 58;
    static final double RIGHT = WIDTH - 18;
    static final double TOP = 40;
    static final double BOTTOM = 270;
    static final double LANE_TOP = 292;
    static final double LANE_BOTTOM = 338;
    static final double FLOOR_LUFS = -70;
    private static final String FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
    private static final String INPUT = "#7a8494";
    private static final String OUTPUT = "#3457d5";
    private static final String PEAK = "#c27803";
    private static final String TARGET = "#16803c";
    private static final String CEILING = "#c62828";

    private LoudnessChart() {
    }

    /**
     * Whether {@code report} is a loudness report with a series this chart can draw.
     *
     * @param report a parsed JSON artifact
     * @return true when it has {@code series.input.short_term_lufs}
     */
    public static boolean accepts(JsonNode report) {
        return report.path("series").path("input").path("short_term_lufs").isArray()
                && report.path("series").path("interval_seconds").isNumber();
    }

    /**
     * The chart of a finished normalization: input and output.
     *
     * @param stepId   the step that wrote the report
     * @param artifact the report's file name
     * @param report   the parsed report
     * @return the chart
     */
    public static Chart ofRun(String stepId, String artifact, JsonNode report) {
        JsonNode series = report.path("series");
        double target = report.path("target_lufs").asDouble();
        double ceiling = report.path("ceiling_dbtp").asDouble();
        List<JsonNode> levelCurves = List.of(series.at("/input/short_term_lufs"), series.at("/output/short_term_lufs"));
        List<JsonNode> topCurves = List.of(series.at("/input/momentary_lufs"), series.at("/output/momentary_lufs"),
                series.at("/output/true_peak_dbtp"));
        Frame frame = new Frame(series, target, ceiling, levelCurves, topCurves, true);
        Svg svg = frame.root("Loudness over time: input and output");
        frame.gated(svg, series.at("/input/gated"));
        frame.grid(svg);
        frame.line(svg, target, TARGET, "target", "target " + Svg.number(target) + " LUFS");
        frame.line(svg, ceiling, CEILING, "ceiling", "ceiling " + Svg.number(ceiling) + " dBTP");
        frame.curve(svg, series.at("/input/momentary_lufs"), "input.momentary_lufs", INPUT, 0.8, "0.55", null);
        frame.curve(svg, series.at("/output/momentary_lufs"), "output.momentary_lufs", OUTPUT, 0.8, "0.45", null);
        frame.curve(svg, series.at("/output/true_peak_dbtp"), "output.true_peak_dbtp", PEAK, 1.0, "0.9", null);
        frame.curve(svg, series.at("/input/short_term_lufs"), "input.short_term_lufs", INPUT, 2.0, "1", null);
        frame.curve(svg, series.at("/output/short_term_lufs"), "output.short_term_lufs", OUTPUT, 2.2, "1", null);
        frame.limiter(svg, series.path("limiter_reduction_db"));
        frame.legend(svg, List.of(
                new Key("input short-term", INPUT, null), new Key("output short-term", OUTPUT, null),
                new Key("output peak", PEAK, null), new Key("target", TARGET, "6 4"),
                new Key("ceiling", CEILING, "6 4"), new Key("gated (input)", "#d9dde5", null)));
        JsonNode limiter = report.path("limiter");
        String caption = String.format(Locale.ROOT, "Input %s LUFS, output %s LUFS after %s dB of gain (target %s LUFS, "
                        + "ceiling %s dBTP); %s. %s.",
                Svg.number(report.at("/input/integrated_lufs").asDouble()),
                Svg.number(report.at("/output/integrated_lufs").asDouble()), signed(report.path("gain_db").asDouble()),
                Svg.number(target), Svg.number(ceiling),
                limiter.path("applied").asBoolean()
                        ? "the limiter reduced the gain by up to " + Svg.number(limiter.path("max_gain_reduction_db").asDouble())
                                + " dB for " + Svg.number(limiter.path("limited_seconds").asDouble()) + " s"
                        : "the limiter was not needed",
                pointsNote(series));
        return new Chart(stepId, "loudness", "Loudness over time", caption, artifact, svg.toString());
    }

    /**
     * The chart of a plan before it runs: the input's loudness and where the predicted gain puts it.
     *
     * @param stepId        the step that will normalize
     * @param artifact      where the input's measurement comes from (a report's file name), or empty
     * @param report        a report holding the input's series (output parts are not read)
     * @param target        the plan's target, LUFS
     * @param ceiling       the plan's ceiling, dBTP
     * @return the chart
     */
    public static Chart ofPlan(String stepId, String artifact, JsonNode report, double target, double ceiling) {
        JsonNode series = report.path("series");
        double input = report.at("/input/integrated_lufs").asDouble();
        double inputPeak = report.at("/input/true_peak_dbtp").asDouble();
        double gain = target - input;
        List<JsonNode> levelCurves = List.of(series.at("/input/short_term_lufs"));
        Frame frame = new Frame(series, target, ceiling, levelCurves,
                List.of(series.at("/input/momentary_lufs"), series.at("/input/true_peak_dbtp")), false);
        frame.shift = gain;
        Svg svg = frame.root("Input loudness over time and the predicted gain");
        frame.gated(svg, series.at("/input/gated"));
        frame.grid(svg);
        frame.line(svg, target, TARGET, "target", "target " + Svg.number(target) + " LUFS");
        frame.line(svg, ceiling, CEILING, "ceiling", "ceiling " + Svg.number(ceiling) + " dBTP");
        frame.curve(svg, series.at("/input/momentary_lufs"), "input.momentary_lufs", INPUT, 0.8, "0.55", null);
        frame.curve(svg, series.at("/input/short_term_lufs"), "input.short_term_lufs", INPUT, 2.0, "1", null);
        frame.curve(svg, series.at("/input/short_term_lufs"), "predicted.short_term_lufs", OUTPUT, 2.0, "1", "5 4");
        frame.legend(svg, List.of(new Key("input short-term", INPUT, null),
                new Key("predicted output (input " + signed(gain) + " dB)", OUTPUT, "5 4"),
                new Key("target", TARGET, "6 4"), new Key("ceiling", CEILING, "6 4"),
                new Key("gated (input)", "#d9dde5", null)));
        boolean limiting = inputPeak + gain > ceiling - 0.1;
        String caption = String.format(Locale.ROOT, "Input %s LUFS with a true peak of %s dBTP: reaching %s LUFS takes "
                        + "%s dB of gain, which %s. %s.",
                Svg.number(input), Svg.number(inputPeak), Svg.number(target), signed(gain),
                limiting ? "would put the peak at " + Svg.number(inputPeak + gain) + " dBTP, over the " + Svg.number(ceiling)
                        + " dBTP ceiling: the limiter will act (up to about " + Svg.number(inputPeak + gain - ceiling + 0.1)
                        + " dB of reduction)"
                        : "keeps the peak at " + Svg.number(inputPeak + gain) + " dBTP, under the ceiling: no limiting",
                pointsNote(series));
        return new Chart(stepId, "loudness-plan", "Input loudness and predicted gain", caption, artifact, svg.toString());
    }

    private static String pointsNote(JsonNode series) {
        return series.path("downsampled").asBoolean()
                ? "Each point covers " + Svg.number(series.path("interval_seconds").asDouble())
                        + " s and shows its highest reading"
                : "One point per meter reading (every " + Svg.number(series.path("interval_seconds").asDouble()) + " s)";
    }

    static String signed(double db) {
        return (db > 0 ? "+" : "") + Svg.number(db);
    }

    /** A legend entry: a line sample in {@code colour} (dashed when {@code dash} is set) and its label. */
    private record Key(String label, String colour, String dash) {
    }

    /** The axes of one chart: scales, and the drawing of its parts. */
    private static final class Frame {
        private final double interval;
        private final int points;
        private final Scale x;
        private final Scale y;
        private final double step;
        /** Where the time axis is: under the limiter's lane when there is one, else under the plot. */
        private final double axis;
        /** Added to every value of a {@code predicted.*} curve. */
        double shift;

        Frame(JsonNode series, double target, double ceiling, List<JsonNode> levelCurves, List<JsonNode> topCurves,
              boolean lane) {
            this.axis = lane ? LANE_BOTTOM : BOTTOM;
            this.interval = series.path("interval_seconds").asDouble();
            this.points = series.path("points").asInt(series.at("/input/short_term_lufs").size());
            double duration = Math.max(interval, points * interval);
            this.x = new Scale(0, duration, LEFT, RIGHT);
            double hi = Math.max(target, ceiling);
            double lo = target;
            for (JsonNode curve : levelCurves) {
                for (JsonNode v : curve) {
                    if (v.isNumber()) {
                        hi = Math.max(hi, v.asDouble());
                        lo = Math.min(lo, v.asDouble());
                    }
                }
            }
            for (JsonNode curve : topCurves) {
                for (JsonNode v : curve) {
                    if (v.isNumber()) {
                        hi = Math.max(hi, v.asDouble());
                    }
                }
            }
            // the floor follows the short-term curves (momentary dips in pauses are drawn on it)
            double top = hi + 1;
            double bottom = Math.max(FLOOR_LUFS, lo - 6);
            this.step = gridStep(top - bottom);
            double yTop = Math.ceil(top / step) * step;
            double yBottom = Math.max(FLOOR_LUFS, Math.floor(bottom / step) * step);
            this.y = new Scale(yBottom, yTop, BOTTOM, TOP);
        }

        static double gridStep(double span) {
            for (double s : new double[] {1, 2, 3, 5, 6, 10, 12, 20}) {
                if (span / s <= 9) {
                    return s;
                }
            }
            return 30;
        }

        Svg root(String label) {
            double height = axis + 32;
            return Svg.of("svg").attr("viewBox", "0 0 " + Svg.number(WIDTH) + " " + Svg.number(height))
                    .attr("width", "100%").attr("role", "img").attr("aria-label", label)
                    .attr("class", "chart loudness-chart").attr("data-kind", "loudness")
                    .attr("data-x-scale", x.describe()).attr("data-y-scale", y.describe())
                    .attr("data-interval", Svg.number(interval)).attr("data-points", Integer.toString(points))
                    .attr("font-family", FONT).attr("font-size", "12")
                    .add(Svg.of("title").text(label))
                    .add(Svg.of("rect").attr("x", 0).attr("y", 0).attr("width", WIDTH).attr("height", height)
                            .attr("fill", "#ffffff"));
        }

        void gated(Svg svg, JsonNode intervals) {
            Svg group = Svg.of("g").attr("class", "gated").attr("data-series", "input.gated");
            for (JsonNode span : intervals) {
                double from = span.path(0).asDouble();
                double to = span.path(1).asDouble();
                group.add(Svg.of("rect").attr("x", x.at(from)).attr("y", TOP)
                        .attr("width", Math.max(0.5, x.at(to) - x.at(from))).attr("height", BOTTOM - TOP)
                        .attr("fill", "#e9ecf2").attr("data-from", Svg.number(from)).attr("data-to", Svg.number(to)));
            }
            svg.add(group);
        }

        void grid(Svg svg) {
            Svg group = Svg.of("g").attr("class", "grid");
            for (double v = y.domainFrom(); v <= y.domainTo() + 1e-9; v += step) {
                double py = y.at(v);
                group.add(Svg.of("line").attr("x1", LEFT).attr("x2", RIGHT).attr("y1", py).attr("y2", py)
                        .attr("stroke", "#e3e6eb").attr("stroke-width", 1));
                group.add(Svg.of("text").attr("x", LEFT - 8).attr("y", py + 4).attr("text-anchor", "end")
                        .attr("fill", "#667085").text(Svg.number(v)));
            }
            group.add(Svg.of("text").attr("x", 12).attr("y", (TOP + BOTTOM) / 2).attr("fill", "#667085")
                    .attr("transform", "rotate(-90 12 " + Svg.number((TOP + BOTTOM) / 2) + ")")
                    .attr("text-anchor", "middle").text("LUFS / dBTP"));
            double duration = x.domainTo();
            double tick = timeStep(duration);
            for (double t = 0; t <= duration + 1e-9; t += tick) {
                double px = x.at(t);
                group.add(Svg.of("line").attr("x1", px).attr("x2", px).attr("y1", TOP).attr("y2", axis)
                        .attr("stroke", "#eef0f3").attr("stroke-width", 1));
                group.add(Svg.of("text").attr("x", px).attr("y", axis + 18).attr("text-anchor", "middle")
                        .attr("fill", "#667085").text(clock(t)));
            }
            group.add(Svg.of("rect").attr("x", LEFT).attr("y", TOP).attr("width", RIGHT - LEFT)
                    .attr("height", BOTTOM - TOP).attr("fill", "none").attr("stroke", "#c8ced8"));
            svg.add(group);
        }

        static double timeStep(double duration) {
            for (double s : new double[] {0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600}) {
                if (duration / s <= 12) {
                    return s;
                }
            }
            return 7200;
        }

        static String clock(double seconds) {
            long s = Math.round(seconds);
            if (seconds < 60 && seconds != Math.rint(seconds)) {
                return Svg.number(seconds) + " s";
            }
            return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                    : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }

        void line(Svg svg, double value, String colour, String name, String label) {
            double py = y.at(value);
            svg.add(Svg.of("line").attr("class", name).attr("data-value", Svg.number(value))
                    .attr("x1", LEFT).attr("x2", RIGHT).attr("y1", py).attr("y2", py)
                    .attr("stroke", colour).attr("stroke-width", 1.5).attr("stroke-dasharray", "6 4"));
            svg.add(Svg.of("text").attr("x", RIGHT - 4).attr("y", py - 5).attr("text-anchor", "end")
                    .attr("fill", colour).attr("font-size", "11").text(label));
        }

        void curve(Svg svg, JsonNode values, String name, String colour, double width, String opacity, String dash) {
            StringBuilder d = new StringBuilder();
            List<String> drawn = new ArrayList<>();
            boolean pen = false;
            double offset = name.startsWith("predicted.") ? shift : 0.0;
            for (int i = 0; i < values.size(); i++) {
                JsonNode v = values.get(i);
                if (!v.isNumber()) {
                    pen = false;
                    continue;
                }
                double value = v.asDouble() + offset;
                d.append(pen ? " L" : (d.length() == 0 ? "M" : " M")).append(Svg.number(x.at((i + 1) * interval)))
                        .append(' ').append(Svg.number(y.at(value)));
                drawn.add(Svg.number(value));
                pen = true;
            }
            if (d.length() == 0) {
                return;
            }
            Svg path = Svg.of("path").attr("class", "series").attr("data-series", name).attr("d", d.toString())
                    .attr("fill", "none").attr("stroke", colour).attr("stroke-width", width)
                    .attr("stroke-linejoin", "round").attr("opacity", opacity);
            if (dash != null) {
                path.attr("stroke-dasharray", dash);
            }
            svg.add(path);
        }

        void limiter(Svg svg, JsonNode reduction) {
            double largest = 0;
            for (JsonNode v : reduction) {
                largest = Math.max(largest, v.asDouble());
            }
            double full = Math.max(1, Math.ceil(largest));
            Scale lane = new Scale(0, full, LANE_BOTTOM, LANE_TOP);
            Svg group = Svg.of("g").attr("class", "limiter").attr("data-series", "limiter_reduction_db")
                    .attr("data-y-scale", lane.describe());
            group.add(Svg.of("rect").attr("x", LEFT).attr("y", LANE_TOP).attr("width", RIGHT - LEFT)
                    .attr("height", LANE_BOTTOM - LANE_TOP).attr("fill", "#fafafb").attr("stroke", "#e3e6eb"));
            for (int i = 0; i < reduction.size(); i++) {
                double r = reduction.get(i).asDouble();
                if (r <= 0) {
                    continue;
                }
                double x0 = x.at(i * interval);
                group.add(Svg.of("rect").attr("x", x0).attr("y", lane.at(r))
                        .attr("width", Math.max(0.6, x.at((i + 1) * interval) - x0))
                        .attr("height", LANE_BOTTOM - lane.at(r)).attr("fill", CEILING).attr("data-index", i)
                        .attr("data-value", Svg.number(r)));
            }
            group.add(Svg.of("text").attr("x", LEFT - 8).attr("y", (LANE_TOP + LANE_BOTTOM) / 2 + 4)
                    .attr("text-anchor", "end").attr("fill", "#667085").attr("font-size", "11").text("limiter"));
            group.add(Svg.of("text").attr("x", RIGHT).attr("y", LANE_TOP - 6).attr("text-anchor", "end")
                    .attr("fill", "#667085").attr("font-size", "11").text(largest > 0
                            ? "gain reduction, up to " + Svg.number(largest) + " dB (bar height: 0 to " + Svg.number(full) + " dB)"
                            : "no gain reduction"));
            svg.add(group);
        }

        void legend(Svg svg, List<Key> keys) {
            Svg group = Svg.of("g").attr("class", "legend");
            double px = LEFT;
            for (Key key : keys) {
                Svg sample = Svg.of("line").attr("x1", px).attr("x2", px + 22).attr("y1", 18).attr("y2", 18)
                        .attr("stroke", key.colour()).attr("stroke-width", key.colour().equals("#d9dde5") ? 9 : 2.5);
                if (key.dash() != null) {
                    sample.attr("stroke-dasharray", key.dash());
                }
                group.add(sample);
                group.add(Svg.of("text").attr("x", px + 28).attr("y", 22).attr("fill", "#1d2430").text(key.label()));
                px += 40 + key.label().length() * 6.6;
            }
            svg.add(group);
        }
    }
}
