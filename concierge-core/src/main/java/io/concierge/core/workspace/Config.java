package io.concierge.core.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.api.workspace.ConfigEntry;
import io.concierge.core.codec.Codecs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated content of {@code concierge.json}: explicit values by dotted key. Unknown keys
 * and bad values are errors that name the key.
 */
public final class Config {
    private final Map<String, String> values;
    private final String source;

    private Config(Map<String, String> values, String source) {
        this.values = Map.copyOf(values);
        this.source = source;
    }

    /** Reads and validates {@code concierge.json}. */
    public static Config read(Codecs codecs, Path file) {
        JsonNode root = codecs.readJson(file, "configuration");
        if (!root.isObject()) {
            throw new InvalidWorkspaceException("configuration " + file + " must be a JSON object like {\"version\": 1}");
        }
        Map<String, String> values = new LinkedHashMap<>();
        flatten("", root, values, file);
        return new Config(values, file.getFileName().toString());
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out, Path file) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(key + ".", value, out, file);
                continue;
            }
            ConfigKey spec = ConfigKey.find(key).orElseThrow(() -> new InvalidWorkspaceException(
                    "configuration " + file + ": unknown key '" + key + "'; known keys: " + ConfigKey.names()));
            if (spec.type().equals("list")) {
                if (!value.isArray()) {
                    throw new InvalidWorkspaceException("configuration " + file + ": " + key + " must be a list like [\"test.*\"]");
                }
                java.util.List<String> items = new java.util.ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                try {
                    out.put(key, spec.check(String.join(",", items), ""));
                } catch (InvalidInputException e) {
                    throw new InvalidWorkspaceException("configuration " + file + ": " + e.getMessage());
                }
                continue;
            }
            if (!value.isValueNode() || value.isNull()) {
                throw new InvalidWorkspaceException("configuration " + file + ": " + key + " must be a " + spec.type());
            }
            if (!spec.type().equals("string") && !value.isNumber()) {
                throw new InvalidWorkspaceException("configuration " + file + ": " + key + " must be a " + spec.type()
                        + ", got " + value);
            }
            try {
                out.put(key, spec.check(value.asText(), ""));
            } catch (InvalidInputException e) {
                throw new InvalidWorkspaceException("configuration " + file + ": " + e.getMessage());
            }
        }
    }

    /** The default configuration file content. */
    public static ObjectNode defaults(Codecs codecs) {
        ObjectNode root = codecs.object();
        root.put("version", 1);
        return root;
    }

    /** The effective value of a key. */
    public String get(String key) {
        ConfigKey spec = ConfigKey.find(key).orElseThrow(() -> new IllegalArgumentException("unknown config key " + key));
        return values.getOrDefault(key, spec.defaultValue());
    }

    /** The effective value of a number key. */
    public double number(String key) {
        return Double.parseDouble(get(key));
    }

    /** The effective value of a list key, as its items. */
    public java.util.List<String> list(String key) {
        String value = get(key);
        return value.isEmpty() ? java.util.List.of() : java.util.List.of(value.split(","));
    }

    /** Every key with value, default and source. */
    public List<ConfigEntry> entries() {
        List<ConfigEntry> entries = new ArrayList<>();
        for (ConfigKey key : ConfigKey.ALL) {
            boolean set = values.containsKey(key.name());
            entries.add(new ConfigEntry(key.name(), get(key.name()), key.defaultValue(), set ? source : "default",
                    key.description()));
        }
        return entries;
    }

    /** The file's tree with {@code key} set to {@code value} (already checked). */
    public static ObjectNode with(JsonNode current, String key, String value, ConfigKey spec) {
        ObjectNode root = current.deepCopy();
        String[] parts = key.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
        }
        String last = parts[parts.length - 1];
        switch (spec.type()) {
            case "list" -> {
                com.fasterxml.jackson.databind.node.ArrayNode array = node.putArray(last);
                for (String item : value.split(",")) {
                    if (!item.isEmpty()) {
                        array.add(item);
                    }
                }
            }
            case "integer" -> node.put(last, Long.parseLong(value));
            case "number" -> node.put(last, Double.parseDouble(value));
            default -> node.put(last, value);
        }
        return root;
    }
}
