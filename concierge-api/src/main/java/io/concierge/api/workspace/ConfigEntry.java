package io.concierge.api.workspace;

/**
 * One configuration key with its effective value and where that value came from.
 *
 * @param key          dotted key, e.g. {@code planner.min_confidence}
 * @param value        the effective value, as text
 * @param defaultValue the built-in default, as text
 * @param source       {@code default} or the file that set it
 * @param description  what it controls
 *
 * @since 0.1.0
 */
public record ConfigEntry(String key, String value, String defaultValue, String source, String description) {
}
