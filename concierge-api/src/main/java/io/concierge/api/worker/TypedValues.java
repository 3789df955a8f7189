package io.concierge.api.worker;

import io.concierge.api.failure.InvalidInputException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named string values with typed accessors, shared by {@link WorkerInputs} and
 * {@link WorkerParams}. Values are kept as the text a person wrote in {@code job.yaml}
 * ({@code "-14"}, {@code "-14 LUFS"}, {@code "5 Mbps"}); the accessors parse them and fail
 * with a message naming the value when they cannot.
 *
 * @since 0.1.0
 */
public interface TypedValues {

    /** Leading number of a value such as {@code "-14 LUFS"} or {@code "5"}. */
    Pattern LEADING_NUMBER = Pattern.compile("^\\s*([-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*(\\S*)\\s*$");

    /**
     * All values, by name.
     *
     * @return the values
     */
    Map<String, String> asMap();

    /**
     * What these values are called in messages: {@code "input"} or {@code "param"}.
     *
     * @return the noun
     */
    String noun();

    /**
     * The value, if it is present and not blank.
     *
     * @param name the value's name
     * @return the stripped value, or empty
     */
    default Optional<String> find(String name) {
        String value = asMap().get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /**
     * The value; fails naming the value when it is missing or blank.
     *
     * @param name the value's name
     * @return the stripped value
     */
    default String require(String name) {
        return find(name).orElseThrow(() -> new InvalidInputException(
                noun() + " " + name + " has no value; set it in the job's inputs"));
    }

    /**
     * The value, or {@code fallback} when missing or blank.
     *
     * @param name     the value's name
     * @param fallback what to use when it is missing
     * @return the stripped value or the fallback
     */
    default String get(String name, String fallback) {
        return find(name).orElse(fallback);
    }

    /**
     * The value's leading number ({@code "-14 LUFS"} gives -14), or {@code fallback} when missing.
     *
     * @param name     the value's name
     * @param fallback what to use when it is missing
     * @return the number
     */
    default double number(String name, double fallback) {
        Optional<String> value = find(name);
        return value.isEmpty() ? fallback : parseNumber(name, value.get());
    }

    /**
     * The value's leading number; fails when missing or not a number.
     *
     * @param name the value's name
     * @return the number
     */
    default double number(String name) {
        return parseNumber(name, require(name));
    }

    /**
     * The value as a whole number, or {@code fallback} when missing.
     *
     * @param name     the value's name
     * @param fallback what to use when it is missing
     * @return the whole number
     */
    default long integer(String name, long fallback) {
        double value = number(name, fallback);
        if (value != Math.rint(value) || Double.isInfinite(value)) {
            throw new InvalidInputException(noun() + " " + name + " must be a whole number, got '" + asMap().get(name) + "'");
        }
        return (long) value;
    }

    /**
     * The value as a boolean ({@code true/false/yes/no/on/off}), or {@code fallback} when missing.
     *
     * @param name     the value's name
     * @param fallback what to use when it is missing
     * @return the boolean
     */
    default boolean flag(String name, boolean fallback) {
        Optional<String> value = find(name);
        if (value.isEmpty()) {
            return fallback;
        }
        switch (value.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "1":
                return true;
            case "false", "no", "off", "0":
                return false;
            default:
                throw new InvalidInputException(noun() + " " + name + " must be true or false, got '" + value.get() + "'");
        }
    }

    /**
     * The unit written after the value's number ({@code "LUFS"} for {@code "-14 LUFS"}), or empty.
     *
     * @param name the value's name
     * @return the unit, or empty
     */
    default Optional<String> unit(String name) {
        return find(name).map(LEADING_NUMBER::matcher).filter(Matcher::matches)
                .map(m -> m.group(2)).filter(u -> !u.isEmpty());
    }

    private double parseNumber(String name, String text) {
        Matcher m = LEADING_NUMBER.matcher(text);
        if (!m.matches()) {
            throw new InvalidInputException(noun() + " " + name + " must be a number (optionally with a unit, e.g. '-14 LUFS'), got '" + text + "'");
        }
        double value = Double.parseDouble(m.group(1));
        if (!Double.isFinite(value)) {
            throw new InvalidInputException(noun() + " " + name + " must be a finite number, got '" + text + "'");
        }
        return value;
    }
}
