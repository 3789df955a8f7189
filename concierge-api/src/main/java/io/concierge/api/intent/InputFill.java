package io.concierge.api.intent;

import java.util.Objects;

/**
 * One input filled from a sentence, and the words that filled it.
 *
 * @param input the input's name
 * @param value the value it got (empty when the text gave none and there is no default)
 * @param from  the words of the text that gave the value, or {@code default} when none did
 *
 * @since 0.1.0
 */
public record InputFill(String input, String value, String from) {
    /**
     * Validates.
     *
     * @param input the input's name
     * @param value the value it got
     * @param from the words of the text that gave the value, or {@code default}
     */
    public InputFill {
        Objects.requireNonNull(input, "input");
        value = Objects.requireNonNullElse(value, "");
        from = Objects.requireNonNullElse(from, "");
    }
}
