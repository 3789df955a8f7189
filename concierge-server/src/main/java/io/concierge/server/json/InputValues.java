package io.concierge.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.pkg.InputSpec;
import io.concierge.api.pkg.InputType;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Input values as JSON of their declared type. {@code job.yaml} keeps every value as the text a
 * person wrote, so {@code fail: false} reaches the API as {@code "false"}; the package's input
 * spec says it is a boolean, and scripts should get {@code false}. A value that does not read as
 * its declared type (a number written {@code -14 LUFS}) stays text rather than losing its unit,
 * and an empty value, which means "unset", is {@code null}.
 */
final class InputValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?");

    private InputValues() {
    }

    /** The values, each as its spec's type (text when no spec names it). */
    static ObjectNode object(Map<String, String> values, Map<String, InputSpec> specs) {
        ObjectNode object = NODES.objectNode();
        values.forEach((name, text) -> {
            InputSpec spec = specs.get(name);
            object.set(name, value(text, spec == null ? InputType.STRING : spec.type()));
        });
        return object;
    }

    /** One value as {@code type}; null for an empty (unset) value. */
    static JsonNode value(String text, InputType type) {
        if (text == null || text.isEmpty()) {
            return NODES.nullNode();
        }
        String stripped = text.strip();
        switch (type) {
            case BOOLEAN:
                if (stripped.equalsIgnoreCase("true") || stripped.equalsIgnoreCase("false")) {
                    return NODES.booleanNode(Boolean.parseBoolean(stripped));
                }
                break;
            case INTEGER:
            case NUMBER:
                if (INTEGER.matcher(stripped).matches()) {
                    return NODES.numberNode(Long.parseLong(stripped));
                }
                if (DECIMAL.matcher(stripped).matches()) {
                    return NODES.numberNode(new BigDecimal(stripped));
                }
                break;
            default:
                break;
        }
        return NODES.textNode(text);
    }
}
