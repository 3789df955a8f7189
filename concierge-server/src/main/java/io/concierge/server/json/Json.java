package io.concierge.server.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The server's one JSON codec: strict when reading (duplicate keys and trailing garbage are
 * errors), compact when writing.
 */
public final class Json {
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Creates the codec. */
    public Json() {
    }

    /**
     * Parses a document.
     *
     * @param bytes UTF-8 JSON
     * @return the tree
     * @throws JsonProcessingException when the bytes are not one well-formed JSON value
     */
    public JsonNode parse(byte[] bytes) throws JsonProcessingException {
        try {
            return mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An empty object to fill.
     *
     * @return a new object node
     */
    public ObjectNode object() {
        return mapper.createObjectNode();
    }

    /**
     * An empty array to fill.
     *
     * @return a new array node
     */
    public ArrayNode array() {
        return mapper.createArrayNode();
    }

    /**
     * Writes a tree compactly.
     *
     * @param node the tree
     * @return UTF-8 JSON
     */
    public byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a tree as one line of text.
     *
     * @param node the tree
     * @return the JSON text, without line breaks
     */
    public String line(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
