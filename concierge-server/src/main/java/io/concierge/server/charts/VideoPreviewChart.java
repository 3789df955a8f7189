package io.concierge.server.charts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * A transcode at a glance, from its {@code <stem>-preview.json}: a strip of thumbnails of the
 * input above the output at the same moments, and both video bitrates over time with the target
 * as a dashed line. The thumbnails are the preview's own {@code data:} URIs, so the chart needs
 * nothing else. Curves are {@code path}s with {@code data-series} ({@code bitrate.input_kbps},
 * {@code bitrate.output_kbps}); point {@code i} is drawn at {@code (i + 1) * interval}.
 */
public final class VideoPreviewChart {
    private static final double WIDTH = 960;
    private static final double LEFT = 70;
    private static final double RIGHT = WIDTH - 18;
    private static final double GAP = 8;
    private static final double THUMB_TOP = 34;
    private static final double THUMB_HEIGHT = 78;
    private static final double PLOT_TOP = 254;
    private static final double PLOT_BOTTOM = 410;
    private static final String INPUT = "#7a8494";
    private static final String OUTPUT = "#3457d5";
    private static final String TARGET = "#16803c";

    private VideoPreviewChart() {
    }

    /**
     * Whether {@code report} is a transcode preview.
     *
     * @param report a parsed JSON artifact
     * @return true when its kind is {@code video-preview} and it has thumbnails and bitrates
     */
    public static boolean accepts(JsonNode report) {
        return report.path("kind").asText().equals("video-preview") && report.path("thumbnails").isObject()
                && report.path("bitrate").path("output_kbps").isArray();
    }

    /**
     * The chart of a transcode.
     *
     * @param stepId   the step that wrote the preview
     * @param artifact the preview's file name
     * @param preview  the parsed preview
     * @return the chart
     */
    public static Chart of(String stepId, String artifact, JsonNode preview) {
        JsonNode thumbnails = preview.path("thumbnails");
        JsonNode bitrate = preview.path("bitrate");
        double interval = bitrate.path("interval_seconds").asDouble(1.0);
        JsonNode input = bitrate.path("input_kbps");
        JsonNode output = bitrate.path("output_kbps");
        double target = bitrate.path("target_kbps").asDouble();
        int points = Math.max(input.size(), output.size());
        double top = target;
        for (JsonNode curve : new JsonNode[] {input, output}) {
            for (JsonNode v : curve) {
                top = Math.max(top, v.asDouble());
            }
        }
        double step = niceStep(top * 1.1);
        Scale x = new Scale(0, Math.max(interval, points * interval), LEFT, RIGHT);
        Scale y = new Scale(0, Math.ceil(top * 1.1 / step) * step, PLOT_BOTTOM, PLOT_TOP);
        double height = PLOT_BOTTOM + 34;
        Svg svg = Svg.of("svg").attr("viewBox", "0 0 " + Svg.number(WIDTH) + " " + Svg.number(height))
                .attr("width", "100%").attr("role", "img").attr("aria-label", "Thumbnails and bitrate of input and output")
                .attr("class", "chart video-chart").attr("data-kind", "video-preview")
                .attr("data-x-scale", x.describe()).attr("data-y-scale", y.describe())
                .attr("data-interval", Svg.number(interval)).attr("data-points", Integer.toString(points))
                .attr("font-family", "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif")
                .attr("font-size", "12")
                .add(Svg.of("title").text("Thumbnails and bitrate of input and output"))
                .add(Svg.of("rect").attr("x", 0).attr("y", 0).attr("width", WIDTH).attr("height", height).attr("fill", "#ffffff"));
        svg.add(Svg.of("text").attr("x", LEFT).attr("y", 20).attr("fill", "#1d2430").attr("font-weight", "600")
                .text(preview.path("input_file").asText() + " → " + preview.path("output_file").asText()));
        JsonNode times = thumbnails.path("times_seconds");
        int count = Math.max(1, times.size());
        double cell = (RIGHT - LEFT - GAP * (count - 1)) / count;
        strip(svg, thumbnails.path("input"), times, "input", THUMB_TOP, cell);
        strip(svg, thumbnails.path("output"), times, "output", THUMB_TOP + THUMB_HEIGHT + GAP, cell);
        for (int i = 0; i < times.size(); i++) {
            svg.add(Svg.of("text").attr("x", LEFT + i * (cell + GAP) + cell / 2).attr("y", THUMB_TOP + 2 * THUMB_HEIGHT + GAP + 16)
                    .attr("text-anchor", "middle").attr("fill", "#667085").attr("font-size", "11")
                    .text(clock(times.get(i).asDouble())));
        }
        // bitrate plot
        for (double v = 0; v <= y.domainTo() + 1e-9; v += step) {
            double py = y.at(v);
            svg.add(Svg.of("line").attr("x1", LEFT).attr("x2", RIGHT).attr("y1", py).attr("y2", py)
                    .attr("stroke", "#e3e6eb"));
            svg.add(Svg.of("text").attr("x", LEFT - 8).attr("y", py + 4).attr("text-anchor", "end").attr("fill", "#667085")
                    .text(Svg.number(v)));
        }
        svg.add(Svg.of("text").attr("x", 12).attr("y", (PLOT_TOP + PLOT_BOTTOM) / 2).attr("fill", "#667085")
                .attr("text-anchor", "middle")
                .attr("transform", "rotate(-90 12 " + Svg.number((PLOT_TOP + PLOT_BOTTOM) / 2) + ")").text("kbit/s"));
        double py = y.at(target);
        svg.add(Svg.of("line").attr("class", "target").attr("data-value", Svg.number(target)).attr("x1", LEFT).attr("x2", RIGHT)
                .attr("y1", py).attr("y2", py).attr("stroke", TARGET).attr("stroke-width", 1.5).attr("stroke-dasharray", "6 4"));
        svg.add(Svg.of("text").attr("x", RIGHT - 4).attr("y", py - 5).attr("text-anchor", "end").attr("fill", TARGET)
                .attr("font-size", "11").text("target " + Svg.number(target) + " kbit/s"));
        curve(svg, input, "bitrate.input_kbps", INPUT, 1.6, x, y, interval);
        curve(svg, output, "bitrate.output_kbps", OUTPUT, 2.2, x, y, interval);
        svg.add(Svg.of("rect").attr("x", LEFT).attr("y", PLOT_TOP).attr("width", RIGHT - LEFT)
                .attr("height", PLOT_BOTTOM - PLOT_TOP).attr("fill", "none").attr("stroke", "#c8ced8"));
        svg.add(Svg.of("text").attr("x", LEFT).attr("y", PLOT_BOTTOM + 18).attr("fill", "#667085").text("0:00"));
        svg.add(Svg.of("text").attr("x", RIGHT).attr("y", PLOT_BOTTOM + 18).attr("text-anchor", "end").attr("fill", "#667085")
                .text(clock(points * interval)));
        legend(svg, PLOT_TOP - 10);
        String caption = String.format(Locale.ROOT, "Thumbnails of input (top) and output (bottom) at the same moments; video "
                        + "bitrate of input and output per %s s against the %s kbit/s target (output averages %s kbit/s).",
                Svg.number(interval), Svg.number(target), Svg.number(average(output, interval,
                        preview.path("duration_seconds").asDouble())));
        return new Chart(stepId, "video-preview", "Thumbnails and bitrate", caption, artifact, svg.toString());
    }

    private static void strip(Svg svg, JsonNode frames, JsonNode times, String side, double top, double cell) {
        svg.add(Svg.of("text").attr("x", LEFT - 8).attr("y", top + THUMB_HEIGHT / 2 + 4).attr("text-anchor", "end")
                .attr("fill", "#667085").text(side));
        for (int i = 0; i < times.size(); i++) {
            double left = LEFT + i * (cell + GAP);
            svg.add(Svg.of("rect").attr("x", left).attr("y", top).attr("width", cell).attr("height", THUMB_HEIGHT)
                    .attr("fill", "#111827"));
            JsonNode frame = frames.path(i);
            // only a JPEG or PNG the preview inlined is drawn: nothing is ever fetched
            if (frame.isTextual() && (frame.asText().startsWith("data:image/jpeg;base64,")
                    || frame.asText().startsWith("data:image/png;base64,"))) {
                svg.add(Svg.of("image").attr("class", "thumbnail").attr("data-side", side)
                        .attr("data-time", Svg.number(times.get(i).asDouble()))
                        .attr("x", left).attr("y", top).attr("width", cell).attr("height", THUMB_HEIGHT)
                        .attr("preserveAspectRatio", "xMidYMid meet").attr("href", frame.asText()));
            } else {
                svg.add(Svg.of("text").attr("x", left + cell / 2).attr("y", top + THUMB_HEIGHT / 2 + 4)
                        .attr("text-anchor", "middle").attr("fill", "#d1d5db").attr("font-size", "11").text("no frame"));
            }
        }
    }

    private static void curve(Svg svg, JsonNode values, String name, String colour, double width, Scale x, Scale y,
                              double interval) {
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < values.size(); i++) {
            JsonNode v = values.get(i);
            if (!v.isNumber()) {
                pen = false;
                continue;
            }
            d.append(pen ? " L" : (d.length() == 0 ? "M" : " M")).append(Svg.number(x.at((i + 1) * interval)))
                    .append(' ').append(Svg.number(y.at(v.asDouble())));
            pen = true;
        }
        if (d.length() > 0) {
            svg.add(Svg.of("path").attr("class", "series").attr("data-series", name).attr("d", d.toString())
                    .attr("fill", "none").attr("stroke", colour).attr("stroke-width", width).attr("stroke-linejoin", "round"));
        }
    }

    private static void legend(Svg svg, double y) {
        double px = LEFT;
        for (String[] key : new String[][] {{"input", INPUT, ""}, {"output", OUTPUT, ""}, {"target", TARGET, "6 4"}}) {
            Svg sample = Svg.of("line").attr("x1", px).attr("x2", px + 22).attr("y1", y - 4).attr("y2", y - 4)
                    .attr("stroke", key[1]).attr("stroke-width", 2.5);
            if (!key[2].isEmpty()) {
                sample.attr("stroke-dasharray", key[2]);
            }
            svg.add(sample);
            svg.add(Svg.of("text").attr("x", px + 28).attr("y", y).attr("fill", "#1d2430").text(key[0] + " video bitrate"));
            px += 160;
        }
    }

    private static double average(JsonNode kbps, double interval, double duration) {
        double bits = 0;
        for (int i = 0; i < kbps.size(); i++) {
            bits += kbps.get(i).asDouble() * Math.max(0, Math.min(interval, duration - i * interval));
        }
        return duration > 0 ? Math.round(bits / duration * 10) / 10.0 : 0;
    }

    private static double niceStep(double top) {
        double raw = Math.max(1e-9, top / 6);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= raw) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
