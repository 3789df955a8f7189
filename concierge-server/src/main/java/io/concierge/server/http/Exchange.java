package io.concierge.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.server.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * One request and its answer, as a handler sees it: decoded path parameters and query, the
 * JSON body (size-limited), who is asking, and ways to answer in JSON or as a stream.
 */
public final class Exchange {
    private final Request request;
    private final Response response;
    private final Json json;
    private final RequestPath path;
    private final Map<String, String> params;
    private final Optional<String> principal;
    private final int maxBodyBytes;
    private ObjectNode body;
    private boolean responded;
    private int status;
    private long bytesSent;
    private OutputStream openBody;

    /**
     * Wraps a matched request.
     *
     * @param request      the request, as Jetty read it
     * @param response     its response
     * @param json         the JSON codec
     * @param path         the decoded path
     * @param params       path parameters by name
     * @param principal    the approver name of the caller's token, when tokens are in use
     * @param maxBodyBytes the largest body accepted
     */
    public Exchange(Request request, Response response, Json json, RequestPath path, Map<String, String> params,
                    Optional<String> principal, int maxBodyBytes) {
        this.request = request;
        this.response = response;
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
        return request.getMethod();
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
        return Optional.ofNullable(request.getHeaders().get(name));
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
        String declared = request.getHeaders().get(HttpHeader.CONTENT_LENGTH);
        InputStream in = Content.Source.asInputStream(request);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("Content-Length is not a number: " + declared);
            }
            if (length > maxBodyBytes) {
                drain(in);
                throw tooLarge();
            }
        }
        byte[] bytes = readLimited(in);
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
                drain(in);
                throw tooLarge();
            }
        }
        return out.toByteArray();
    }

    /**
     * Reads and drops what is left of a refused body, up to a bound, so that a client still
     * sending it gets to read the 413 instead of a reset connection; past the bound the
     * connection is simply closed after the answer.
     */
    private void drain(InputStream in) throws IOException {
        long left = 16L * maxBodyBytes;
        byte[] buffer = new byte[8192];
        int n;
        while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= n;
        }
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
     * Answers with an error document (Jetty reads and drops what is left of the request body, or
     * closes the connection, so that a client still sending it can read the answer).
     *
     * @param error the error
     * @throws IOException when the client cannot be written to
     */
    public void sendError(ApiError error) throws IOException {
        error.headers().forEach(this::setHeader);
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
        setHeader("Content-Type", contentType);
        setHeader("X-Content-Type-Options", "nosniff");
        if (!response.getHeaders().contains(HttpHeader.CACHE_CONTROL)) {
            setHeader("Cache-Control", "no-store");
        }
        if (length >= 0) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        }
        responded = true;
        this.status = status;
        response.setStatus(status);
        OutputStream sink = Content.Sink.asOutputStream(response);
        // counts what is sent, for the access log; closing it completes the response
        openBody = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                sink.write(b);
                bytesSent++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                sink.write(b, off, len);
                bytesSent += len;
            }

            @Override
            public void flush() throws IOException {
                sink.flush();
            }

            private boolean closed;

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    sink.close();
                }
            }
        };
        return openBody;
    }

    /**
     * Sets a response header, replacing any earlier value; call before answering.
     *
     * @param name  the header's name
     * @param value its value
     */
    public void setHeader(String name, String value) {
        response.getHeaders().put(name, value);
    }

    /**
     * The status answered, once {@link #startResponse} was called.
     *
     * @return the status, or 0 before an answer
     */
    public int status() {
        return status;
    }

    /**
     * How many body bytes were sent so far.
     *
     * @return the count
     */
    public long bytesSent() {
        return bytesSent;
    }

    /**
     * Completes the answer if the handler left its body open.
     *
     * @throws IOException when the client cannot be written to
     */
    void finish() throws IOException {
        if (openBody != null) {
            openBody.close();
        }
    }

    /**
     * Whether an answer has been started.
     *
     * @return true once the status line is sent
     */
    public boolean responded() {
        return responded;
    }
}
