package io.concierge.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Reads typed fields of a JSON request body, answering 400 with the field's name when one is wrong. */
public final class BodyFields {
    private BodyFields() {
    }

    /**
     * A required, non-blank text field.
     *
     * @param body  the body
     * @param field the field's name
     * @return its value
     */
    public static String requiredText(ObjectNode body, String field) {
        return text(body, field).filter(v -> !v.isBlank()).orElseThrow(() -> ApiError.badRequest(
                "the request body needs a non-empty text field \"" + field + "\""));
    }

    /**
     * An optional text field; null and absent are empty.
     *
     * @param body  the body
     * @param field the field's name
     * @return its value, or empty
     */
    public static Optional<String> text(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw ApiError.badRequest("field \"" + field + "\" must be text, got " + kind(node));
        }
        return Optional.of(node.textValue());
    }

    /**
     * An optional true/false field; absent and null are false.
     *
     * @param body  the body
     * @param field the field's name
     * @return its value
     */
    public static boolean flag(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw ApiError.badRequest("field \"" + field + "\" must be true or false, got " + kind(node));
        }
        return node.booleanValue();
    }

    /**
     * An optional whole-number field within bounds.
     *
     * @param body  the body
     * @param field the field's name
     * @param min   the smallest allowed value
     * @param max   the largest allowed value
     * @return its value, or empty when absent or null
     */
    public static Optional<Integer> integer(ObjectNode body, String field, int min, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw ApiError.badRequest("field \"" + field + "\" must be a whole number from " + min + " to " + max
                    + ", got " + node);
        }
        return Optional.of(node.intValue());
    }

    /**
     * Refuses fields other than the known ones, so that a misspelt option is not silently ignored.
     *
     * @param body  the body
     * @param known the accepted field names
     */
    public static void onlyKnown(ObjectNode body, String... known) {
        java.util.Set<String> allowed = java.util.Set.of(known);
        body.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw ApiError.badRequest("unknown field \"" + name + "\"; expected "
                        + (known.length == 0 ? "an empty body" : String.join(", ", known)));
            }
        });
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
