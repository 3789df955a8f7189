package io.concierge.workers.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks CSV text against RFC 4180: fields separated by a delimiter, records by CRLF, LF or CR,
 * fields with the delimiter, quotes or line breaks enclosed in double quotes, a quote inside a
 * quoted field doubled. It reports each deviation with the line it is on, checks that every
 * record has as many fields as the header (or the first record), and infers each column's type.
 *
 * <p>It reads one character at a time and keeps one record in memory, so files of any size
 * are checked in constant memory (apart from the listed problems, which are capped).
 */
final class CsvValidator {
    /** How often (in records) the caller's tick runs: halt checks and progress. */
    static final int TICK_RECORDS = 1024;

    private final char delimiter;
    private final boolean header;
    private final ProblemList problems;
    private final Runnable tick;

    private final List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private final List<ColumnType> types = new ArrayList<>();
    private final List<Long> empties = new ArrayList<>();
    private List<String> names = List.of();
    private int expected = -1;
    private long records;
    private long rows;
    private boolean fieldQuoted;
    /** Fields of the record being read that a problem points at (quoting errors), by index. */
    private final Set<Integer> flagged = new TreeSet<>();
    /** The first {@link #MAX_PROBLEM_ROWS} records with a problem, as a person wants to see them. */
    private final List<ProblemRow> problemRows = new ArrayList<>();

    /** How many records with problems a report shows cell by cell. */
    static final int MAX_PROBLEM_ROWS = 50;
    /** Longest cell text a report shows; the rest is cut and marked with an ellipsis. */
    static final int MAX_CELL_CHARS = 120;

    /**
     * A record with a problem, cell by cell: what a table of problem rows shows.
     *
     * @param line    the line the record starts on
     * @param cells   its fields (each at most {@value #MAX_CELL_CHARS} characters)
     * @param failing indexes of the failing cells; an index at or past {@code cells.size()} is a
     *                missing cell (the record is too short)
     * @param header  whether it is the header
     */
    record ProblemRow(long line, List<String> cells, List<Integer> failing, boolean header) {
    }

    /**
     * One column's findings.
     *
     * @param name  the header's name for it, or {@code column N}
     * @param type  the type inferred from its non-empty values
     * @param empty how many of its values are empty
     */
    record Column(String name, ColumnType type, long empty) {
    }

    /**
     * What the check found besides problems.
     *
     * @param records data records (the header not counted)
     * @param columns each column's name, type and empty count
     */
    record Result(long records, List<Column> columns, List<ProblemRow> problemRows) {
    }

    CsvValidator(char delimiter, boolean header, ProblemList problems, Runnable tick) {
        this.delimiter = delimiter;
        this.header = header;
        this.problems = problems;
        this.tick = tick;
    }

    private enum State { START, UNQUOTED, QUOTED, AFTER_QUOTE }

    Result check(Reader reader) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        long line = 1;
        long column = 0;
        long recordLine = 1;
        long quoteLine = 0;
        long quoteColumn = 0;
        boolean fieldFlagged = false;
        State state = State.START;
        boolean atRecordStart = true;
        boolean first = true;
        while (true) {
            int c = in.read();
            if (first && c == '\uFEFF') {
                first = false;
                continue; // a UTF-8 byte order mark is not part of the first field
            }
            first = false;
            if (c == '\r') {
                in.mark(1);
                if (in.read() != '\n') {
                    in.reset();
                }
                c = '\n';
            }
            if (c == -1) {
                switch (state) {
                    case QUOTED -> {
                        problems.add(new Problem(quoteLine, quoteColumn, null,
                                "quoted field is never closed (the file ends inside it)"));
                        flagged.add(fields.size());
                        endField();
                        endRecord(recordLine);
                    }
                    case START -> {
                        if (!atRecordStart) {
                            endField();
                            endRecord(recordLine);
                        }
                    }
                    default -> {
                        endField();
                        endRecord(recordLine);
                    }
                }
                return result();
            }
            column++;
            if (atRecordStart) {
                recordLine = line;
                atRecordStart = false;
            }
            switch (state) {
                case START -> {
                    fieldFlagged = false;
                    if (c == '"') {
                        state = State.QUOTED;
                        fieldQuoted = true;
                        quoteLine = line;
                        quoteColumn = column;
                    } else if (c == delimiter) {
                        endField();
                    } else if (c == '\n') {
                        endField();
                        endRecord(recordLine);
                        atRecordStart = true;
                    } else {
                        field.append((char) c);
                        state = State.UNQUOTED;
                    }
                }
                case UNQUOTED -> {
                    if (c == delimiter) {
                        endField();
                        state = State.START;
                    } else if (c == '\n') {
                        endField();
                        endRecord(recordLine);
                        atRecordStart = true;
                        state = State.START;
                    } else {
                        if (c == '"' && !fieldFlagged) {
                            fieldFlagged = true;
                            problems.add(new Problem(line, column, null, "quote inside an unquoted field;"
                                    + " enclose the whole field in quotes and double the quote"));
                            flagged.add(fields.size());
                        }
                        field.append((char) c);
                    }
                }
                case QUOTED -> {
                    if (c == '"') {
                        state = State.AFTER_QUOTE;
                    } else {
                        field.append((char) c);
                    }
                }
                case AFTER_QUOTE -> {
                    if (c == '"') {
                        field.append('"'); // an escaped quote: "" inside a quoted field
                        state = State.QUOTED;
                    } else if (c == delimiter) {
                        endField();
                        state = State.START;
                    } else if (c == '\n') {
                        endField();
                        endRecord(recordLine);
                        atRecordStart = true;
                        state = State.START;
                    } else {
                        if (!fieldFlagged) {
                            fieldFlagged = true;
                            problems.add(new Problem(line, column, null, "text after the closing quote of a field;"
                                    + " a quote inside a quoted field must be doubled"));
                            flagged.add(fields.size());
                        }
                        field.append((char) c);
                        state = State.UNQUOTED;
                    }
                }
            }
            if (c == '\n') {
                line++;
                column = 0;
            }
        }
    }

    private void endField() {
        fields.add(field.toString());
        field.setLength(0);
    }

    private void endRecord(long line) {
        boolean blank = fields.size() == 1 && fields.get(0).isEmpty() && !fieldQuoted;
        fieldQuoted = false;
        List<String> record = List.copyOf(fields);
        fields.clear();
        Set<Integer> failing = new TreeSet<>(flagged);
        flagged.clear();
        rows++;
        if (rows % TICK_RECORDS == 0) {
            tick.run();
        }
        if (blank && expected != 1) {
            // RFC 4180 would read an empty line as one empty field; for a table it is a stray line.
            problems.add(new Problem(line, null, null, "empty line"));
            return;
        }
        if (expected < 0) {
            expected = record.size();
            for (int i = 0; i < expected; i++) {
                types.add(ColumnType.EMPTY);
                empties.add(0L);
            }
            if (header) {
                names = record;
                failing.addAll(checkHeader(line, record));
                keep(line, record, failing, true);
                return;
            }
        }
        records++;
        if (record.size() != expected) {
            problems.add(new Problem(line, null, null, "record has " + record.size() + " field"
                    + (record.size() == 1 ? "" : "s") + ", expected " + expected + " (as in the "
                    + (header ? "header" : "first record") + ")"));
            // the extra cells, or the missing ones (indexes past the record's end)
            for (int i = Math.min(expected, record.size()); i < Math.max(expected, record.size()); i++) {
                failing.add(i);
            }
        }
        keep(line, record, failing, false);
        for (int i = 0; i < Math.min(expected, record.size()); i++) {
            ColumnType type = ColumnType.of(record.get(i));
            if (type == ColumnType.EMPTY) {
                empties.set(i, empties.get(i) + 1);
            }
            types.set(i, types.get(i).merge(type));
        }
    }

    /** Checks the header's names; returns the indexes of the failing ones. */
    private Set<Integer> checkHeader(long line, List<String> record) {
        Set<String> seen = new HashSet<>();
        Set<Integer> failing = new TreeSet<>();
        for (int i = 0; i < record.size(); i++) {
            String name = record.get(i).strip();
            if (name.isEmpty()) {
                problems.add(new Problem(line, null, null, "header: column " + (i + 1) + " has no name"));
                failing.add(i);
            } else if (!seen.add(name)) {
                problems.add(new Problem(line, null, null, "header: column name '" + name + "' appears more than once"));
                failing.add(i);
            }
        }
        return failing;
    }

    /** Keeps a record with failing cells for the report, while there is room. */
    private void keep(long line, List<String> record, Set<Integer> failing, boolean isHeader) {
        if (failing.isEmpty() || problemRows.size() >= MAX_PROBLEM_ROWS) {
            return;
        }
        List<String> cells = record.stream()
                .map(cell -> cell.length() > MAX_CELL_CHARS ? cell.substring(0, MAX_CELL_CHARS) + "…" : cell)
                .toList();
        problemRows.add(new ProblemRow(line, cells, List.copyOf(failing), isHeader));
    }

    private Result result() {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            String name = i < names.size() && !names.get(i).isBlank() ? names.get(i).strip() : "column " + (i + 1);
            columns.add(new Column(name, types.get(i), empties.get(i)));
        }
        return new Result(records, columns, List.copyOf(problemRows));
    }
}
