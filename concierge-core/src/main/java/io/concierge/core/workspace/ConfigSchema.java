package io.concierge.core.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.core.codec.Codecs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code schemas/concierge.schema.json}, the JSON Schema of {@code concierge.json}, made from the
 * same {@link ConfigKey} table that {@code bit config} and {@link Config} check values with, so
 * the two cannot disagree ({@code ConfigSchemaTest} keeps the committed file equal to
 * {@link #generate}). A new workspace's {@code concierge.json} names its copy in
 * {@code .concierge/schemas/} under {@code "$schema"}, so editors validate and complete it.
 */
public final class ConfigSchema {
    /** The {@code "$schema"} value written into a new {@code concierge.json}: relative to it. */
    public static final String WORKSPACE_REFERENCE = "./.concierge/schemas/concierge.schema.json";
    /** The schemas a workspace keeps a copy of, by file name (carried in the core jar). */
    static final List<String> SCHEMAS = List.of("concierge.schema.json", "package.schema.json");

    private ConfigSchema() {
    }

    /**
     * The schema as JSON.
     *
     * @param codecs the JSON codecs
     * @return the schema document
     */
    public static ObjectNode generate(Codecs codecs) {
        ObjectNode schema = codecs.object();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "https://concierge.invalid/schemas/concierge.schema.json");
        schema.put("title", "Concierge workspace configuration (concierge.json)");
        schema.put("description", "Generated from io.concierge.core.workspace.ConfigKey by ConfigSchema; do not edit by hand."
                + " bit config get lists every key with its default and the file that set it.");
        schema.put("type", "object");
        schema.put("additionalProperties", false);
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("$schema").put("type", "string").put("description", "this schema, for editors");
        for (ConfigKey key : ConfigKey.ALL) {
            String[] parts = key.name().split("\\.");
            ObjectNode parent = properties;
            for (int i = 0; i < parts.length - 1; i++) {
                ObjectNode group = parent.has(parts[i]) ? (ObjectNode) parent.get(parts[i]) : parent.putObject(parts[i]);
                group.put("type", "object");
                group.put("additionalProperties", false);
                parent = group.has("properties") ? (ObjectNode) group.get("properties") : group.putObject("properties");
            }
            parent.set(parts[parts.length - 1], keySchema(codecs, key));
        }
        ObjectNode notifications = properties.putObject(Config.NOTIFICATIONS);
        notifications.put("type", "array");
        notifications.put("description", "webhooks called on events");
        ObjectNode hook = notifications.putObject("items");
        hook.put("type", "object");
        hook.put("additionalProperties", false);
        hook.putArray("required").add("url");
        ObjectNode hookProperties = hook.putObject("properties");
        hookProperties.putObject("url").put("type", "string").put("description", "where to POST (http or https)");
        hookProperties.putObject("events").put("type", "array").put("description",
                "event types, exact or a prefix ending in *").putObject("items").put("type", "string");
        hookProperties.putObject("secret").put("type", "string").put("description", "HMAC key that signs each delivery");
        return schema;
    }

    private static ObjectNode keySchema(Codecs codecs, ConfigKey key) {
        ObjectNode node = codecs.object();
        node.put("description", key.description());
        switch (key.type()) {
            case "list" -> {
                node.put("type", "array");
                node.putObject("items").put("type", "string").put("pattern", "^[a-z0-9_.*-]{1,100}$");
            }
            case "string" -> node.put("type", "string").put("maxLength", 200);
            case "path" -> node.put("type", "string").put("maxLength", 1000).put("pattern", "^(/.*)?$");
            case "boolean" -> node.put("type", "boolean");
            default -> {
                node.put("type", key.type());
                node.put("minimum", key.min());
                node.put("maximum", key.max());
            }
        }
        if (!key.defaultValue().isEmpty()) {
            switch (key.type()) {
                case "integer" -> node.put("default", Long.parseLong(key.defaultValue()));
                case "number" -> node.put("default", Double.parseDouble(key.defaultValue()));
                case "boolean" -> node.put("default", Boolean.parseBoolean(key.defaultValue()));
                default -> node.put("default", key.defaultValue());
            }
        }
        return node;
    }

    /**
     * Copies the schemas the core jar carries into {@code <workspace>/.concierge/schemas/} when
     * they are missing or differ (the folder is derived: deleting it only loses editor help).
     *
     * @param workspace the workspace folder
     * @throws IOException when they cannot be written
     */
    static void install(Path workspace) throws IOException {
        Path dir = Files.createDirectories(workspace.resolve(".concierge").resolve("schemas"));
        for (String name : SCHEMAS) {
            try (InputStream in = ConfigSchema.class.getResourceAsStream("/META-INF/concierge/schemas/" + name)) {
                if (in == null) {
                    continue;
                }
                byte[] bytes = in.readAllBytes();
                Path target = dir.resolve(name);
                if (!Files.exists(target) || !java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
                    Path tmp = Files.write(dir.resolve(name + ".tmp"), bytes);
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
    }
}
