package io.concierge.core.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.api.workspace.ConfigEntry;
import io.concierge.core.codec.Codecs;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated configuration: {@code concierge.json}, overlaid by {@code concierge.<env>.json}
 * for the current environment when that file exists. Values are kept by dotted key with the file
 * that set them; {@code notifications} (webhooks) is a list of its own. Unknown keys and bad
 * values are errors that name the file and the key.
 */
public final class Config {
    /** The key of the webhook list. */
    public static final String NOTIFICATIONS = "notifications";

    private final Map<String, String> values;
    private final Map<String, String> sources;
    private final List<Notification> notifications;

    /**
     * One webhook: where to POST, which event types (exact, or a prefix ending in {@code *}),
     * and the secret of its HMAC-SHA256 signature (empty: unsigned).
     *
     * @param url    http or https address
     * @param events event types or patterns such as {@code job.*}
     * @param secret signing secret, or empty
     */
    public record Notification(URI url, List<String> events, String secret) {
        /** Whether this webhook wants events of {@code type}. */
        public boolean wants(String type) {
            for (String pattern : events) {
                if (pattern.equals("*") || pattern.equals(type)
                        || pattern.endsWith("*") && type.startsWith(pattern.substring(0, pattern.length() - 1))) {
                    return true;
                }
            }
            return false;
        }
    }

    private Config(Map<String, String> values, Map<String, String> sources, List<Notification> notifications) {
        this.values = Map.copyOf(values);
        this.sources = Map.copyOf(sources);
        this.notifications = List.copyOf(notifications);
    }

    /** Reads and validates {@code file}, then {@code overlay} over it when that file exists (null: none). */
    public static Config read(Codecs codecs, Path file, Path overlay) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        List<Notification> notifications = new ArrayList<>();
        for (Path path : overlay != null && Files.exists(overlay) ? List.of(file, overlay) : List.of(file)) {
            JsonNode root = codecs.readJson(path, "configuration");
            if (!root.isObject()) {
                throw new InvalidWorkspaceException("configuration " + path + " must be a JSON object like {\"version\": 1}");
            }
            ObjectNode rest = root.deepCopy();
            JsonNode schema = rest.remove("$schema");
            if (schema != null && !schema.isTextual()) {
                throw new InvalidWorkspaceException("configuration " + path + ": $schema must be text (a path or URL of the schema)");
            }
            JsonNode hooks = rest.remove(NOTIFICATIONS);
            if (hooks != null) {
                notifications = notifications(hooks, path);
            }
            Map<String, String> found = new LinkedHashMap<>();
            flatten("", rest, found, path);
            values.putAll(found);
            found.keySet().forEach(key -> sources.put(key, path.getFileName().toString()));
        }
        return new Config(values, sources, notifications);
    }

    /** Reads {@code file} alone. */
    public static Config read(Codecs codecs, Path file) {
        return read(codecs, file, null);
    }

    private static List<Notification> notifications(JsonNode node, Path file) {
        String where = "configuration " + file + ": " + NOTIFICATIONS;
        if (!node.isArray()) {
            throw new InvalidWorkspaceException(where + " must be a list of {\"url\": ..., \"events\": [...], \"secret\": ...}");
        }
        List<Notification> list = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode hook = node.get(i);
            String at = where + "[" + i + "]";
            if (!hook.isObject()) {
                throw new InvalidWorkspaceException(at + " must be an object with url and events");
            }
            hook.fieldNames().forEachRemaining(key -> {
                if (!List.of("url", "events", "secret").contains(key)) {
                    throw new InvalidWorkspaceException(at + ": unknown key '" + key + "'; known keys: url, events, secret");
                }
            });
            URI url;
            try {
                url = new URI(hook.path("url").asText(""));
            } catch (URISyntaxException e) {
                throw new InvalidWorkspaceException(at + ".url is not a valid address: " + e.getMessage());
            }
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw new InvalidWorkspaceException(at + ".url must be an http:// or https:// address, got '" + hook.path("url").asText("") + "'");
            }
            List<String> events = new ArrayList<>();
            if (!hook.path("events").isArray() || hook.path("events").isEmpty()) {
                throw new InvalidWorkspaceException(at + ".events must list event types, e.g. [\"job.completed\", \"job.failed\"]");
            }
            for (JsonNode e : hook.path("events")) {
                String type = e.asText("");
                if (!type.matches("\\*|[a-z]+(\\.[a-z_]+)*(\\.\\*)?")) {
                    throw new InvalidWorkspaceException(at + ".events: '" + type + "' is not an event type like job.completed or job.*");
                }
                events.add(type);
            }
            JsonNode secret = hook.path("secret");
            if (!secret.isMissingNode() && !secret.isTextual()) {
                throw new InvalidWorkspaceException(at + ".secret must be text");
            }
            list.add(new Notification(url, events, secret.asText("")));
        }
        return list;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out, Path file) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                // A misspelt group is an error even when empty ("aproval": {}); with keys inside,
                // the first of them is named in full below.
                if (value.isEmpty() && ConfigKey.ALL.stream().noneMatch(known -> known.name().startsWith(key + "."))) {
                    throw new InvalidWorkspaceException("configuration " + file + ": unknown key '" + key
                            + "'; known keys: " + ConfigKey.names() + ", " + NOTIFICATIONS);
                }
                flatten(key + ".", value, out, file);
                continue;
            }
            ConfigKey spec = ConfigKey.find(key).orElseThrow(() -> new InvalidWorkspaceException(
                    "configuration " + file + ": unknown key '" + key + "'; known keys: " + ConfigKey.names() + ", " + NOTIFICATIONS));
            if (spec.type().equals("list")) {
                if (!value.isArray()) {
                    throw new InvalidWorkspaceException("configuration " + file + ": " + key + " must be a list like [\"test.*\"]");
                }
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                out.put(key, checked(spec, String.join(",", items), file));
                continue;
            }
            if (!value.isValueNode() || value.isNull()) {
                throw new InvalidWorkspaceException("configuration " + file + ": " + key + " must be a " + spec.type());
            }
            boolean text = spec.type().equals("string") || spec.type().equals("path");
            if (spec.type().equals("boolean") ? !value.isBoolean() : text ? !value.isTextual() && !value.isNumber() : !value.isNumber()) {
                throw new InvalidWorkspaceException("configuration " + file + ": " + key + " must be a " + spec.type()
                        + ", got " + value);
            }
            out.put(key, checked(spec, value.asText(), file));
        }
    }

    private static String checked(ConfigKey spec, String value, Path file) {
        try {
            return spec.check(value, "");
        } catch (InvalidInputException e) {
            throw new InvalidWorkspaceException("configuration " + file + ": " + e.getMessage());
        }
    }

    /** The default configuration file content. */
    public static ObjectNode defaults(Codecs codecs) {
        ObjectNode root = codecs.object();
        // Editors validate and complete the file with the schema in .concierge/schemas/.
        root.put("$schema", ConfigSchema.WORKSPACE_REFERENCE);
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

    /** The effective value of a boolean key. */
    public boolean flag(String key) {
        return Boolean.parseBoolean(get(key));
    }

    /** The effective value of a list key, as its items. */
    public List<String> list(String key) {
        String value = get(key);
        return value.isEmpty() ? List.of() : List.of(value.split(","));
    }

    /** The configured webhooks. */
    public List<Notification> notifications() {
        return notifications;
    }

    /** Every key with value, default and source. */
    public List<ConfigEntry> entries() {
        List<ConfigEntry> entries = new ArrayList<>();
        for (ConfigKey key : ConfigKey.ALL) {
            entries.add(new ConfigEntry(key.name(), get(key.name()), key.defaultValue(),
                    sources.getOrDefault(key.name(), "default"), key.description()));
        }
        entries.add(new ConfigEntry(NOTIFICATIONS, notifications.size() + " webhook(s)", "none",
                notifications.isEmpty() ? "default" : "file", "webhooks: [{url, events, secret}] called on events"));
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
            case "boolean" -> node.put(last, Boolean.parseBoolean(value));
            case "number" -> node.put(last, Double.parseDouble(value));
            default -> node.put(last, value);
        }
        return root;
    }
}
