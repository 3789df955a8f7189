package io.concierge.cli.output;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A table for people at a terminal, as kubectl and gh print them: a header, columns as wide as
 * their widest cell, two spaces between them, the last column never padded. Scripts get the
 * plain lines instead (see {@link WorkText}); only a terminal gets a table.
 */
public final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<UnaryOperator<String>> styles = new ArrayList<>();

    /**
     * A table with these column names.
     *
     * @param header the column names, upper case by convention
     */
    public Table(String... header) {
        this.header = List.of(header);
        for (int i = 0; i < header.length; i++) {
            styles.add(UnaryOperator.identity());
        }
    }

    /**
     * Styles a column's cells (e.g. colours), applied after padding so widths stay right.
     *
     * @param column the column's index
     * @param style  turns a padded cell into what is printed
     * @return this table
     */
    public Table style(int column, UnaryOperator<String> style) {
        styles.set(column, style);
        return this;
    }

    /**
     * Adds a row.
     *
     * @param cells one per column
     * @return this table
     */
    public Table row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + header.size());
        }
        rows.add(List.of(cells));
        return this;
    }

    /**
     * The lines to print: the header, then one per row.
     *
     * @return the lines
     */
    public List<String> lines() {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(render(header, widths, false));
        for (List<String> row : rows) {
            lines.add(render(row, widths, true));
        }
        return lines;
    }

    private String render(List<String> cells, int[] widths, boolean styled) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            boolean last = i == cells.size() - 1;
            String cell = last ? cells.get(i) : pad(cells.get(i), widths[i]);
            line.append(styled ? styles.get(i).apply(cell) : cell);
            if (!last) {
                line.append("  ");
            }
        }
        return line.toString().stripTrailing();
    }

    private static String pad(String cell, int width) {
        return cell + " ".repeat(Math.max(0, width - cell.length()));
    }
}
