package io.concierge.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.concierge.server.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;

/**
 * One request and its answer, as a handler sees it: decoded path parameters and query, the
 * JSON body (size-limited), who is asking, and ways to answer in JSON or as a stream.
 */
public final class Exchange {
    /** How much of an oversized body is read and dropped so the client can read its 413. */
    private static final long DRAIN_LIMIT = 4L * 1024 * 1024;

    private final HttpExchange http;
    private final Json json;
    private final RequestPath path;
    private final Map<String, String> params;
    private final Optional<String> principal;
    private final int maxBodyBytes;
    private ObjectNode body;
    private boolean responded;

    /**
     * Wraps a matched request.
     *
     * @param http         the JDK exchange
     * @param json         the JSON codec
     * @param path         the decoded path
     * @param params       path parameters by name
     * @param principal    the approver name of the caller's token, when tokens are in use
     * @param maxBodyBytes the largest body accepted
     */
    public Exchange(HttpExchange http, Json json, RequestPath path, Map<String, String> params,
                    Optional<String> principal, int maxBodyBytes) {
        this.http = http;
        this.json = json;
        this.path = path;
        this.params = Map.copyOf(params);
        this.principal = principal;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * The JSON codec.
     *
     * @return the codec
     */
    public Json json() {
        return json;
    }

    /**
     * The request method, upper case.
     *
     * @return the method
     */
    public String method() {
        return http.getRequestMethod();
    }

    /**
     * The decoded request path.
     *
     * @return the path
     */
    public RequestPath path() {
        return path;
    }

    /**
     * A path parameter, decoded.
     *
     * @param name the parameter's name in the route template
     * @return its value
     */
    public String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no parameter " + name);
        }
        return value;
    }

    /**
     * A query parameter, decoded.
     *
     * @param name its name
     * @return its value, or empty when absent
     */
    public Optional<String> query(String name) {
        return Optional.ofNullable(path.query().get(name));
    }

    /**
     * A true/false query parameter; absent is false.
     *
     * @param name its name
     * @return its value
     */
    public boolean queryFlag(String name) {
        String value = path.query().get(name);
        if (value == null || value.equals("false") || value.equals("0")) {
            return false;
        }
        if (value.isEmpty() || value.equals("true") || value.equals("1")) {
            return true;
        }
        throw ApiError.badRequest("query parameter " + name + " must be true or false, got '" + value + "'");
    }

    /**
     * The approver name bound to the caller's token, when tokens are in use.
     *
     * @return the approver name, or empty when the server has no tokens
     */
    public Optional<String> principal() {
        return principal;
    }

    /**
     * A request header.
     *
     * @param name the header's name
     * @return its first value, or empty
     */
    public Optional<String> header(String name) {
        return Optional.ofNullable(http.getRequestHeaders().getFirst(name));
    }

    /**
     * The body as a JSON object; an empty body is an empty object.
     *
     * @return the body
     * @throws IOException when the body cannot be read from the client
     * @throws ApiError    413 when it is larger than the limit, 400 when it is not a JSON object
     */
    public ObjectNode body() throws IOException {
        if (body != null) {
            return body;
        }
        String declared = http.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > maxBodyBytes) {
                    throw tooLarge();
                }
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("Content-Length is not a number: " + declared);
            }
        }
        byte[] bytes = readLimited(http.getRequestBody());
        if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            body = json.object();
            return body;
        }
        JsonNode tree;
        try {
            tree = json.parse(bytes);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("malformed JSON in the request body: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        if (!(tree instanceof ObjectNode object)) {
            throw ApiError.badRequest("the request body must be a JSON object, got " + tree.getNodeType().name().toLowerCase());
        }
        body = object;
        return body;
    }

    private byte[] readLimited(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            if (out.size() > maxBodyBytes) {
                throw tooLarge();
            }
        }
        return out.toByteArray();
    }

    private ApiError tooLarge() {
        return new ApiError(413, "payload_too_large",
                "the request body is larger than " + maxBodyBytes + " bytes; send less");
    }

    /**
     * Answers with a JSON document.
     *
     * @param status the HTTP status
     * @param node   the document
     * @throws IOException when the client cannot be written to
     */
    public void send(int status, JsonNode node) throws IOException {
        byte[] bytes = json.bytes(node);
        OutputStream out = startResponse(status, "application/json; charset=utf-8", bytes.length);
        out.write(bytes);
        out.close();
    }

    /**
     * Answers with an error document, reading and dropping what is left of the request body
     * (up to a limit) so that a client still sending it can read the answer.
     *
     * @param error the error
     * @throws IOException when the client cannot be written to
     */
    public void sendError(ApiError error) throws IOException {
        drainRequest(http);
        error.headers().forEach((name, value) -> http.getResponseHeaders().set(name, value));
        ObjectNode detail = json.object().put("kind", error.kind()).put("message", error.getMessage());
        ObjectNode document = json.object();
        document.set("error", detail);
        send(error.status(), document);
    }

    /**
     * Starts an answer whose body the caller writes and closes.
     *
     * @param status      the HTTP status
     * @param contentType the content type
     * @param length      the body's exact length, or -1 for a streamed body of unknown length
     * @return the body stream
     * @throws IOException when the client cannot be written to
     */
    public OutputStream startResponse(int status, String contentType, long length) throws IOException {
        Headers headers = http.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("X-Content-Type-Options", "nosniff");
        if (!headers.containsKey("Cache-Control")) {
            headers.set("Cache-Control", "no-store");
        }
        responded = true;
        // the JDK's convention: 0 means "chunked, length unknown", -1 means "no body"
        http.sendResponseHeaders(status, length < 0 ? 0 : length == 0 ? -1 : length);
        return http.getResponseBody();
    }

    /**
     * The response headers, to add to before answering.
     *
     * @return the headers
     */
    public Headers responseHeaders() {
        return http.getResponseHeaders();
    }

    /**
     * Whether an answer has been started.
     *
     * @return true once the status line is sent
     */
    public boolean responded() {
        return responded;
    }

    /**
     * Reads and drops what is left of a request body, up to a limit.
     *
     * @param http the JDK exchange
     */
    static void drainRequest(HttpExchange http) {
        try (InputStream in = http.getRequestBody()) {
            byte[] buffer = new byte[8192];
            long total = 0;
            int n;
            while (total < DRAIN_LIMIT && (n = in.read(buffer)) > 0) {
                total += n;
            }
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }
}
