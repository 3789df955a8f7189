package io.concierge.core.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.api.failure.WorkspaceIoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The JSON and YAML readers and writers of one Concierge, with limits that make hostile files
 * (alias bombs, deep nesting, huge documents) fail fast with a clear error instead of eating
 * memory. Also the canonical JSON that hashes are computed over.
 */
public final class Codecs {
    /** Largest state file read: job.yaml, package.yaml, concierge.json, plans. */
    public static final int MAX_DOCUMENT_BYTES = 1 << 20;
    private static final int MAX_ALIASES = 20;
    private static final int MAX_DEPTH = 40;

    private final ObjectMapper json;
    private final ObjectMapper canonicalJson;
    private final YAMLMapper yaml;

    /** Builds the mappers; costly, so one per Concierge. */
    public Codecs() {
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxStringLength(MAX_DOCUMENT_BYTES)
                .maxDocumentLength(MAX_DOCUMENT_BYTES)
                .build();
        JsonFactory jsonFactory = JsonFactory.builder().streamReadConstraints(limits).build();
        json = JsonMapper.builder(jsonFactory).build();
        canonicalJson = JsonMapper.builder(jsonFactory)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build();
        LoaderOptions loader = new LoaderOptions();
        loader.setMaxAliasesForCollections(MAX_ALIASES);
        loader.setNestingDepthLimit(MAX_DEPTH);
        loader.setCodePointLimit(MAX_DOCUMENT_BYTES);
        loader.setAllowDuplicateKeys(false);
        YAMLFactory yamlFactory = YAMLFactory.builder()
                .loaderOptions(loader)
                .streamReadConstraints(limits)
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .build();
        yaml = new YAMLMapper(yamlFactory);
    }

    /** The JSON mapper. */
    public ObjectMapper json() {
        return json;
    }

    /** The YAML mapper. */
    public YAMLMapper yaml() {
        return yaml;
    }

    /** Reads a YAML state file into a tree; fails naming the file and the problem. */
    public JsonNode readYaml(Path file, String what) {
        return read(yaml, file, what);
    }

    /** Reads a JSON state file into a tree; fails naming the file and the problem. */
    public JsonNode readJson(Path file, String what) {
        return read(json, file, what);
    }

    /** Parses YAML text into a tree; fails naming {@code what} and the problem. */
    public JsonNode parseYaml(byte[] bytes, String what) {
        return parse(yaml, bytes, what);
    }

    /** Parses JSON text into a tree; fails naming {@code what} and the problem. */
    public JsonNode parseJson(byte[] bytes, String what) {
        return parse(json, bytes, what);
    }

    private JsonNode read(ObjectMapper mapper, Path file, String what) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_DOCUMENT_BYTES) {
                throw new InvalidWorkspaceException(what + " " + file + " is larger than "
                        + (MAX_DOCUMENT_BYTES >> 10) + " KiB; it cannot be a valid Concierge file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new io.concierge.api.failure.NotFoundException(what + " " + file + " does not exist");
        } catch (IOException e) {
            throw new WorkspaceIoException("read " + what, file, e);
        }
        return parse(mapper, bytes, what + " " + file);
    }

    private static JsonNode parse(ObjectMapper mapper, byte[] bytes, String what) {
        try {
            JsonNode node = mapper.readTree(bytes);
            if (node == null || node.isMissingNode() || node.isNull()) {
                throw new InvalidWorkspaceException(what + " is empty; restore it or recreate it");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidWorkspaceException(what + " is malformed: " + oneLine(e) + "; fix the file or restore it", e);
        } catch (IOException e) {
            throw new InvalidWorkspaceException("cannot parse " + what + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // SnakeYAML reports its limits (aliases, depth, size) as unchecked exceptions.
            if (e instanceof InvalidWorkspaceException) {
                throw e;
            }
            throw new InvalidWorkspaceException(what + " is malformed or too large: " + firstLine(String.valueOf(e.getMessage())), e);
        }
    }

    /** Serialises a tree as YAML text. */
    public byte[] writeYaml(JsonNode node) {
        try {
            return yaml.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw unwritable("YAML", e);
        }
    }

    /** Serialises a tree as pretty JSON text with a final newline. */
    public byte[] writePrettyJson(JsonNode node) {
        try {
            return (json.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw unwritable("JSON", e);
        }
    }

    /** Serialises a tree as one line of JSON (no newline). */
    public String writeLine(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw unwritable("JSON", e);
        }
    }

    /** The canonical JSON of a tree: object keys sorted at every level, no whitespace. */
    public byte[] canonical(JsonNode node) {
        try {
            Object plain = canonicalJson.treeToValue(node, Object.class);
            return canonicalJson.writeValueAsBytes(plain);
        } catch (JsonProcessingException e) {
            throw unwritable("canonical JSON", e);
        }
    }

    /** Hex SHA-256 of the canonical JSON of a tree. */
    public String hash(JsonNode node) {
        return sha256(canonical(node));
    }

    /**
     * Hex SHA-256 of a tree read back from YAML: every scalar counts as its text, because YAML
     * does not keep the difference between {@code -14} and {@code "-14"} (or {@code true} and
     * {@code "true"}) that the writer had. Any edit of a value still changes its text.
     */
    public String textHash(JsonNode node) {
        return hash(textual(node));
    }

    /** A copy of the tree with every scalar replaced by its text (null by the empty text). */
    public JsonNode textual(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = json.createObjectNode();
            node.fields().forEachRemaining(f -> copy.set(f.getKey(), textual(f.getValue())));
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = json.createArrayNode();
            node.forEach(item -> copy.add(textual(item)));
            return copy;
        }
        return json.getNodeFactory().textNode(node.isNull() ? "" : node.asText());
    }

    /** A new empty object node. */
    public ObjectNode object() {
        return json.createObjectNode();
    }

    /** Hex SHA-256 of bytes. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Hex SHA-256 of a file's content, streamed. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = digest();
        byte[] buffer = new byte[1 << 16];
        try (var in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * A record that cannot be written, e.g. a worker's metric of a type JSON has no form for:
     * the file is left as it was.
     */
    private static InvalidInputException unwritable(String format, JsonProcessingException e) {
        return new InvalidInputException("cannot write a record as " + format + " (" + oneLine(e)
                + "); the value is not plain text, number, list or map: nothing was written", e);
    }

    private static String oneLine(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        var location = e.getLocation();
        String where = location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        return firstLine(message) + where;
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }

}
