package io.concierge.server.charts;

import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When each step of a run ran, as bars on one time axis (a Gantt chart), from the run's
 * {@code step.started} and {@code step.completed}/{@code step.failed} events: parallel steps
 * overlap, retries show as several bars on one row. Bars carry {@code data-step},
 * {@code data-start} and {@code data-seconds} (seconds from the run's start).
 */
public final class TimelineChart {
    private static final double WIDTH = 960;
    private static final double LEFT = 150;
    private static final double RIGHT = WIDTH - 18;
    private static final double ROW = 26;
    private static final double TOP = 12;

    private TimelineChart() {
    }

    /**
     * The timeline of the run whose events are given, or nothing when no step started.
     *
     * @param events the run's events, oldest first
     * @return the chart as SVG text, or empty
     */
    public static java.util.Optional<String> of(List<Event> events) {
        Instant start = null;
        Instant end = null;
        Map<String, List<Instant[]>> bars = new LinkedHashMap<>();
        Map<String, String> outcome = new LinkedHashMap<>();
        Map<String, Instant> open = new LinkedHashMap<>();
        for (Event e : events) {
            start = start == null ? e.timestamp() : start;
            end = e.timestamp();
            Object step = e.payload().get("step_id");
            if (step == null) {
                continue;
            }
            String id = step.toString();
            switch (e.type()) {
                case EventTypes.STEP_STARTED -> {
                    open.put(id, e.timestamp());
                    bars.computeIfAbsent(id, k -> new ArrayList<>());
                }
                case EventTypes.STEP_COMPLETED, EventTypes.STEP_FAILED, EventTypes.STEP_RETRIED -> {
                    Instant from = open.remove(id);
                    if (from != null) {
                        bars.computeIfAbsent(id, k -> new ArrayList<>()).add(new Instant[] {from, e.timestamp()});
                    }
                    outcome.put(id, e.type());
                }
                default -> {
                }
            }
        }
        for (Map.Entry<String, Instant> unfinished : open.entrySet()) {
            bars.get(unfinished.getKey()).add(new Instant[] {unfinished.getValue(), end});
            outcome.put(unfinished.getKey(), "running");
        }
        if (bars.isEmpty()) {
            return java.util.Optional.empty();
        }
        double total = Math.max(0.001, seconds(start, end));
        Scale x = new Scale(0, total, LEFT, RIGHT);
        double height = TOP + bars.size() * ROW + 30;
        Svg svg = Svg.of("svg").attr("viewBox", "0 0 " + Svg.number(WIDTH) + " " + Svg.number(height))
                .attr("width", "100%").attr("role", "img").attr("aria-label", "When each step ran")
                .attr("class", "chart timeline-chart").attr("data-kind", "timeline").attr("data-x-scale", x.describe())
                .attr("font-family", "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif")
                .attr("font-size", "12")
                .add(Svg.of("title").text("When each step ran"));
        int row = 0;
        for (Map.Entry<String, List<Instant[]>> entry : bars.entrySet()) {
            double y = TOP + row * ROW;
            String colour = switch (outcome.getOrDefault(entry.getKey(), "")) {
                case EventTypes.STEP_FAILED -> "#c62828";
                case "running" -> "#c27803";
                default -> "#16803c";
            };
            svg.add(Svg.of("text").attr("x", LEFT - 8).attr("y", y + 16).attr("text-anchor", "end")
                    .attr("fill", "#1d2430").text(entry.getKey()));
            for (Instant[] bar : entry.getValue()) {
                double from = seconds(start, bar[0]);
                double length = seconds(bar[0], bar[1]);
                svg.add(Svg.of("rect").attr("class", "step-bar").attr("data-step", entry.getKey())
                        .attr("data-start", Svg.number(from)).attr("data-seconds", Svg.number(length))
                        .attr("x", x.at(from)).attr("y", y + 4).attr("width", Math.max(1.5, x.at(from + length) - x.at(from)))
                        .attr("height", ROW - 8).attr("rx", 3).attr("fill", colour));
            }
            row++;
        }
        double axis = TOP + bars.size() * ROW + 4;
        svg.add(Svg.of("line").attr("x1", LEFT).attr("x2", RIGHT).attr("y1", axis).attr("y2", axis)
                .attr("stroke", "#c8ced8"));
        svg.add(Svg.of("text").attr("x", LEFT).attr("y", axis + 18).attr("fill", "#667085").text("0 s"));
        svg.add(Svg.of("text").attr("x", RIGHT).attr("y", axis + 18).attr("text-anchor", "end").attr("fill", "#667085")
                .text(Svg.number(total) + " s"));
        return java.util.Optional.of(svg.toString());
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
