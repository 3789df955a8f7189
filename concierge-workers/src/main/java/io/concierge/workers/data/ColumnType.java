package io.concierge.workers.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The type inferred for a CSV column from all its non-empty values: the narrowest type every
 * value fits. Integers widen to numbers; any other mix is text.
 */
public enum ColumnType {
    /** No non-empty value at all. */
    EMPTY,
    /** Whole numbers only ({@code -12}, {@code 0042}). */
    INTEGER,
    /** Numbers, some with a fraction or exponent ({@code 3.5}, {@code -1e3}). */
    NUMBER,
    /** {@code true} or {@code false}, any case. */
    BOOLEAN,
    /** ISO-8601 dates or date-times ({@code 2024-05-01}, {@code 2024-05-01T10:00:00Z}). */
    DATE,
    /** Anything else. */
    TEXT;

    private static final Pattern INTEGER_TEXT = Pattern.compile("[-+]?\\d+");
    private static final Pattern NUMBER_TEXT = Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?");

    /**
     * The type of one value.
     *
     * @param value the field's text, unquoted
     * @return the narrowest type it fits
     */
    public static ColumnType of(String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            return EMPTY;
        }
        if (INTEGER_TEXT.matcher(v).matches()) {
            return INTEGER;
        }
        if (NUMBER_TEXT.matcher(v).matches()) {
            return NUMBER;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return BOOLEAN;
        }
        return isIsoDate(v) ? DATE : TEXT;
    }

    private static boolean isIsoDate(String v) {
        // Cheap shape check first: most text is not a date, and exceptions are costly per cell.
        if (v.length() < 10 || !Character.isDigit(v.charAt(0)) || v.charAt(4) != '-') {
            return false;
        }
        try {
            LocalDate.parse(v);
            return true;
        } catch (DateTimeParseException e) {
            // not a plain date; try a date-time below
        }
        try {
            OffsetDateTime.parse(v);
            return true;
        } catch (DateTimeParseException e) {
            // not with an offset
        }
        try {
            LocalDateTime.parse(v);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * The type of a column holding values of this type and of {@code other}.
     *
     * @param other the next value's type
     * @return the narrowest type both fit
     */
    public ColumnType merge(ColumnType other) {
        if (other == EMPTY || other == this) {
            return this;
        }
        if (this == EMPTY) {
            return other;
        }
        if ((this == INTEGER && other == NUMBER) || (this == NUMBER && other == INTEGER)) {
            return NUMBER;
        }
        return TEXT;
    }

    /**
     * The name used in reports.
     *
     * @return e.g. {@code integer}
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
