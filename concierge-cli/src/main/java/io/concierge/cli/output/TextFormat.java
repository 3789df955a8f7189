package io.concierge.cli.output;

import io.concierge.api.workspace.ConfigEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How single values read in {@code bit}'s text output: times, durations, sizes, confidences.
 * Locale-independent, so that scripts see the same digits everywhere.
 */
public final class TextFormat {
    private TextFormat() {
    }

    /** ISO-8601 UTC to the second ({@code 2026-11-25T13:00:00Z}), or {@code -}. */
    public static String time(Instant instant) {
        return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * Appends what {@link #time(Instant)} gives, digit by digit: a list of 100,000 jobs prints
     * as many times, and the formatter's objects would be most of what the list allocates.
     */
    public static void appendTime(StringBuilder out, Instant instant) {
        if (instant == null) {
            out.append('-');
            return;
        }
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, java.time.ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            out.append(time(instant)); // ISO-8601 signs and widens such years
            return;
        }
        digits(out, t.getYear(), 4).append('-');
        digits(out, t.getMonthValue(), 2).append('-');
        digits(out, t.getDayOfMonth(), 2).append('T');
        digits(out, t.getHour(), 2).append(':');
        digits(out, t.getMinute(), 2).append(':');
        digits(out, t.getSecond(), 2).append('Z');
    }

    private static StringBuilder digits(StringBuilder out, int value, int width) {
        for (int scale = width == 4 ? 1000 : 10; scale > 0; scale /= 10) {
            out.append((char) ('0' + value / scale % 10));
        }
        return out;
    }

    /** Seconds with two decimals ({@code 1.84}), or {@code -} for a negative (unknown) value. */
    public static String seconds(double seconds) {
        return seconds < 0 ? "-" : String.format(Locale.ROOT, "%.2f", seconds);
    }

    /** The seconds between two instants ({@code 1.84}), or {@code -} when either is missing. */
    public static String seconds(Instant start, Instant end) {
        return start == null || end == null ? "-" : seconds(Duration.between(start, end).toMillis() / 1000.0);
    }

    /** A match confidence with two decimals. */
    public static String confidence(double confidence) {
        return String.format(Locale.ROOT, "%.2f", confidence);
    }

    /** A byte count for people: {@code 512 B}, {@code 1.8 MiB}. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** A list as {@code a, b}, or {@code -} when empty. */
    public static String joined(List<?> values) {
        if (values.isEmpty()) {
            return "-";
        }
        StringBuilder text = new StringBuilder();
        for (Object value : values) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(value);
        }
        return text.toString();
    }

    /** The text, or {@code -} when empty. */
    public static String orDash(String text) {
        return text == null || text.isEmpty() ? "-" : text;
    }

    /**
     * A map as {@code key=value} pairs separated by spaces; nested maps flatten to dotted keys
     * and values with spaces are quoted, so each pair stays one whitespace-free token.
     */
    public static String pairs(Map<String, ?> values) {
        StringBuilder text = new StringBuilder();
        appendPairs(text, "", values);
        return text.toString();
    }

    private static void appendPairs(StringBuilder text, String prefix, Map<?, ?> values) {
        for (Map.Entry<?, ?> entry : values.entrySet()) {
            String key = prefix + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> nested && !nested.isEmpty()) {
                appendPairs(text, key + ".", nested);
                continue;
            }
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(key).append('=').append(quoted(String.valueOf(entry.getValue())));
        }
    }

    private static String quoted(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(Character::isWhitespace) && value.indexOf('"') < 0) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"';
    }

    /** A setting: {@code key = value  (source)}. */
    public static String configLine(ConfigEntry entry) {
        return entry.key() + " = " + entry.value() + "  (" + entry.source() + ")";
    }
}
