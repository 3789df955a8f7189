package io.concierge.api.pkg;

import java.util.Objects;

/**
 * A check on a package output after a run: {@code exists}, {@code non_empty}, or
 * {@code extension} (with the extension as {@code value}).
 *
 * @param output the package output checked
 * @param rule   the rule's name
 * @param value  the rule's argument, or empty
 *
 * @since 0.1.0
 */
public record VerificationRule(String output, String rule, String value) {
    /**
     * Validates.
     *
     * @param output the package output checked
     * @param rule the rule's name
     * @param value the rule's argument, or empty
     */
    public VerificationRule {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(rule, "rule");
        value = Objects.requireNonNullElse(value, "");
    }
}
