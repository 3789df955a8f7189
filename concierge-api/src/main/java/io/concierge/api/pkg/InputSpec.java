package io.concierge.api.pkg;

import java.util.List;
import java.util.Objects;

/**
 * One input of a task package: its type, whether it is required, its default, and what in the
 * intent text can fill it.
 *
 * @param name         the input's name, as it appears in {@code job.yaml}
 * @param type         the kind of value
 * @param required     whether planning refuses without a value
 * @param defaultValue the value used when the text gives none (empty for none)
 * @param unit         for numbers: the unit values are bound in ({@code LUFS}, {@code kbps})
 * @param choices      for choices: the allowed words, lower case
 * @param extensions   for files: the extensions that fill it from the text (empty: any)
 * @param fill         how the intent text fills it: {@code auto} (by type), {@code text} (the whole
 *                     sentence after its verb) or {@code none}
 * @param description  one line for people
 *
 * @since 0.1.0
 */
public record InputSpec(String name, InputType type, boolean required, String defaultValue, String unit,
                        List<String> choices, List<String> extensions, String fill, String description) {
    /**
     * Validates and copies.
     *
     * @param name the input's name, as it appears in {@code job.yaml}
     * @param type the kind of value
     * @param required whether planning refuses without a value
     * @param defaultValue the value used when the text gives none (empty for none)
     * @param unit for numbers: the unit values are bound in ({@code LUFS}, {@code kbps})
     * @param choices for choices: the allowed words, lower case
     * @param extensions for files: the extensions that fill it from the text (empty: any)
     * @param fill how the intent text fills it: {@code auto} (by type), {@code text} (the whole sentence after its
     *     verb) or {@code none}
     * @param description one line for people
     */
    public InputSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        defaultValue = Objects.requireNonNullElse(defaultValue, "");
        unit = Objects.requireNonNullElse(unit, "");
        choices = List.copyOf(choices);
        extensions = List.copyOf(extensions);
        fill = Objects.requireNonNullElse(fill, "auto");
        description = Objects.requireNonNullElse(description, "");
    }
}
