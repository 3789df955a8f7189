package io.concierge.server.charts;

import java.util.Objects;

/**
 * One chart of a job, ready to show: the dashboard inserts {@code svg} as it is and the report
 * inlines it.
 *
 * @param stepId   the step whose output it draws
 * @param kind     what it shows, e.g. {@code loudness}
 * @param title    a heading
 * @param caption  one or two sentences on what it shows, in words (also for people who cannot see it)
 * @param artifact the artifact the values come from (the report a script would read), or empty
 * @param svg      the chart as SVG text, or an HTML fragment for tabular previews
 */
public record Chart(String stepId, String kind, String title, String caption, String artifact, String svg) {

    /** Checks every part is there. */
    public Chart {
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(svg, "svg");
    }
}
