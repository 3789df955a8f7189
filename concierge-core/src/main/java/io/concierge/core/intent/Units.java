package io.concierge.core.intent;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The units Concierge recognises in text, each with its canonical spelling, its family
 * (quantities convert only within a family) and its factor to the family's base unit.
 */
public final class Units {

    /** A unit: canonical spelling, family and factor to the family's base. */
    public record Unit(String symbol, String family, double factor) {
    }

    private static final Map<String, Unit> BY_SPELLING = new LinkedHashMap<>();

    static {
        // loudness and level
        add("LUFS", "loudness", 1, "lufs", "lkfs");
        add("LU", "loudness-range", 1, "lu");
        add("dBTP", "true-peak", 1, "dbtp");
        add("dBFS", "level", 1, "dbfs");
        add("dB", "gain", 1, "db");
        // bit rates
        add("bps", "bitrate", 1, "bps", "bit/s");
        add("kbps", "bitrate", 1e3, "kbps", "kbit/s", "kb/s");
        add("Mbps", "bitrate", 1e6, "mbps", "mbit/s", "mb/s");
        add("Gbps", "bitrate", 1e9, "gbps", "gbit/s");
        // frequency
        add("Hz", "frequency", 1, "hz");
        add("kHz", "frequency", 1e3, "khz");
        // sizes
        add("B", "size", 1, "b", "bytes");
        add("KB", "size", 1024, "kib", "kb", "k");
        add("MB", "size", 1024 * 1024, "mb", "mib", "m");
        add("GB", "size", 1024.0 * 1024 * 1024, "gb", "gib", "g");
        add("TB", "size", 1024.0 * 1024 * 1024 * 1024, "tb", "tib");
        // durations
        add("ms", "duration", 0.001, "ms", "msec");
        add("s", "duration", 1, "s", "sec", "secs", "second", "seconds");
        add("min", "duration", 60, "min", "mins", "minute", "minutes");
        add("h", "duration", 3600, "h", "hr", "hrs", "hour", "hours");
        // others
        add("%", "percent", 1, "%", "percent");
        add("fps", "frame-rate", 1, "fps");
        add("p", "resolution", 1, "p");
        add("x", "factor", 1, "x");
    }

    private Units() {
    }

    private static void add(String symbol, String family, double factor, String... spellings) {
        Unit unit = new Unit(symbol, family, factor);
        for (String spelling : spellings) {
            BY_SPELLING.put(spelling, unit);
        }
    }

    /** The unit spelled {@code text} (case-insensitive; {@code Mbps}, {@code kbit/s}, {@code %}). */
    public static Optional<Unit> find(String text) {
        return Optional.ofNullable(BY_SPELLING.get(text.toLowerCase(Locale.ROOT)));
    }

    /** A regular-expression alternation of every spelling, longest first. */
    static String alternation() {
        return BY_SPELLING.keySet().stream()
                .sorted((a, b) -> b.length() - a.length())
                .map(java.util.regex.Pattern::quote)
                .reduce((a, b) -> a + "|" + b).orElseThrow();
    }

    /** {@code value} in {@code from} expressed in {@code to}; empty when the families differ. */
    public static Optional<Double> convert(double value, Unit from, Unit to) {
        if (!from.family().equals(to.family())) {
            return Optional.empty();
        }
        return Optional.of(value * from.factor() / to.factor());
    }
}
