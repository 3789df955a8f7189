package io.concierge.server.charts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an archive holds, from the {@code <source>-contents.json} of {@code file.compress}: its
 * entries with their sizes (and, for zip, each entry's compressed size and ratio), and in the
 * caption the totals and the ratio of the whole. A row is marked where an entry was left out (a
 * link a zip cannot hold).
 */
public final class ArchiveTable {
    /** Rows shown; the caption says when there are more. */
    static final int MAX_ROWS = 200;

    private ArchiveTable() {
    }

    /**
     * Whether {@code report} is an archive's contents listing.
     *
     * @param report a parsed JSON artifact
     * @return true when its kind is {@code archive-contents} and it lists entries
     */
    public static boolean accepts(JsonNode report) {
        return report.path("kind").asText().equals("archive-contents") && report.path("entries").isArray();
    }

    /**
     * The table of an archive's contents.
     *
     * @param stepId   the step that wrote the listing
     * @param artifact the listing's file name
     * @param contents the parsed listing
     * @return the chart, with a table and no SVG
     */
    public static Chart of(String stepId, String artifact, JsonNode contents) {
        boolean zip = contents.path("format").asText().equals("zip");
        List<String> columns = zip ? List.of("type", "size", "compressed", "ratio") : List.of("type", "size");
        List<ChartTable.Row> rows = new ArrayList<>();
        for (JsonNode e : contents.path("entries")) {
            if (rows.size() == MAX_ROWS) {
                break;
            }
            String type = e.path("type").asText();
            long size = e.path("size").asLong();
            List<String> cells = new ArrayList<>(List.of(type, type.equals("file") ? bytes(size) : ""));
            if (zip) {
                boolean known = e.hasNonNull("compressed_size");
                long packed = e.path("compressed_size").asLong();
                cells.add(known ? bytes(packed) : "");
                cells.add(known && size > 0 ? String.format(Locale.ROOT, "%.2f", (double) packed / size) : "");
            }
            rows.add(new ChartTable.Row(e.path("name").asText(), cells,
                    type.startsWith("skipped") ? List.of(0) : List.of(),
                    type.startsWith("skipped") ? "not in the archive: zip cannot hold a link (tar.gz can)" : ""));
        }
        long total = contents.path("entries_total").asLong(rows.size());
        double ratio = contents.path("ratio").asDouble();
        String caption = String.format(Locale.ROOT, "%s (%s): %d entr%s, %d file%s, %s in, %s out, ratio %.3f (%s)%s.",
                contents.path("archive").asText(), contents.path("format").asText(), total, total == 1 ? "y" : "ies",
                contents.path("files").asLong(), contents.path("files").asLong() == 1 ? "" : "s",
                bytes(contents.path("bytes_in").asLong()), bytes(contents.path("bytes_out").asLong()), ratio,
                ratio <= 0 ? "nothing to compress" : ratio < 1 ? Math.round(100 * (1 - ratio)) + "% smaller"
                        : "no smaller than its contents",
                total > rows.size() ? "; the first " + rows.size() + " entries are shown" : "");
        return new Chart(stepId, "archive-contents", "Archive contents", caption, artifact, "",
                new ChartTable(columns, rows));
    }

    /** A size as people read it: bytes, KiB, MiB, GiB. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double v = n;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
