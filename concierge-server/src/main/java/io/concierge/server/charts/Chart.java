package io.concierge.server.charts;

import java.util.Objects;

/**
 * One chart of a job, ready to show: the dashboard inserts {@code svg} as it is and the report
 * inlines it; a tabular preview (the problem rows of a validation) comes as {@code table}
 * instead, which each side renders as text.
 *
 * @param stepId   the step whose output it draws
 * @param kind     what it shows, e.g. {@code loudness}
 * @param title    a heading
 * @param caption  one or two sentences on what it shows, in words (also for people who cannot see it)
 * @param artifact the artifact the values come from (the report a script would read), or empty
 * @param svg      the chart as SVG text; empty for a table or a note
 * @param table    the rows of a tabular preview, or null
 */
public record Chart(String stepId, String kind, String title, String caption, String artifact, String svg,
                    ChartTable table) {

    /**
     * A chart drawn as SVG (or, with an empty {@code svg}, a note).
     *
     * @param stepId   the step whose output it draws
     * @param kind     what it shows
     * @param title    a heading
     * @param caption  what it shows, in words
     * @param artifact the artifact its values come from, or empty
     * @param svg      the chart as SVG text, or empty
     */
    public Chart(String stepId, String kind, String title, String caption, String artifact, String svg) {
        this(stepId, kind, title, caption, artifact, svg, null);
    }

    /**
     * Checks every part is there.
     *
     * @param stepId the step whose output it draws
     * @param kind what it shows
     * @param title a heading
     * @param caption what it shows, in words
     * @param artifact the artifact its values come from, or empty
     * @param svg the chart as SVG text, or empty
     * @param table the rows of a tabular preview, or null
     */
    public Chart {
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(svg, "svg");
    }
}
