package io.concierge.server.charts;

import java.util.List;
import java.util.Objects;

/**
 * A preview best shown as a table: rows of cells, some of them marked as failing, each row with a
 * label (e.g. {@code line 3}) and a note (the problems found there).
 *
 * @param columns the column headings
 * @param rows    the rows
 */
public record ChartTable(List<String> columns, List<Row> rows) {

    /**
     * Copies the lists.
     *
     * @param columns the column headings
     * @param rows the rows
     */
    public ChartTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /**
     * One row.
     *
     * @param label   what the row is, e.g. {@code line 3}
     * @param cells   its cells, as many as there are columns (a missing cell is empty)
     * @param failing indexes of the cells at fault
     * @param note    the problems of the row, in words (may be empty)
     */
    public record Row(String label, List<String> cells, List<Integer> failing, String note) {

        /**
         * Copies the lists and checks the note is there.
         *
         * @param label what the row is
         * @param cells its cells
         * @param failing indexes of the failing cells
         * @param note the row's problems, in words
         */
        public Row {
            cells = List.copyOf(cells);
            failing = List.copyOf(failing);
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(note, "note");
        }
    }
}
