package io.concierge.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code --since} value: an ISO instant ({@code 2026-11-25T10:00:00Z}), an ISO date
 * ({@code 2026-11-25}, midnight UTC) or a duration back from now ({@code 90m}, {@code 24h},
 * {@code 7d}, {@code 2w}).
 */
public final class Since {
    private static final Pattern AGO = Pattern.compile("(\\d{1,9})\\s*([smhdw])");

    private Since() {
    }

    /** The instant {@code text} names, {@code now} being the reference for durations; null for null. */
    public static Instant parse(String text, Instant now) {
        if (text == null) {
            return null;
        }
        String value = text.strip();
        Matcher ago = AGO.matcher(value);
        if (ago.matches()) {
            long amount = Long.parseLong(ago.group(1));
            Duration unit = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                case "d" -> Duration.ofDays(1);
                default -> Duration.ofDays(7);
            };
            return now.minus(unit.multipliedBy(amount));
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw new IllegalArgumentException("--since takes an ISO time (2026-11-25T10:00:00Z), a date"
                        + " (2026-11-25) or a duration back from now (30m, 24h, 7d, 2w), not '" + text + "'");
            }
        }
    }
}
