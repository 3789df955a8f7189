package io.concierge.server.http;

import java.util.Map;

/**
 * A failure that is answered as it is: an HTTP status, a snake_case kind and a one-line message,
 * sent as {@code {"error": {"kind": "...", "message": "..."}}}.
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status. */
    private final int status;
    /** The snake_case kind, e.g. {@code not_found}. */
    private final String kind;
    /** Extra response headers, such as {@code Allow} or {@code WWW-Authenticate}. */
    private final transient Map<String, String> headers;

    /**
     * Creates an error answer.
     *
     * @param status  the HTTP status
     * @param kind    the snake_case kind
     * @param message one line: what is wrong and what to do
     * @param headers extra response headers
     */
    public ApiError(int status, String kind, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.kind = kind;
        this.headers = Map.copyOf(headers);
    }

    /**
     * Creates an error answer without extra headers.
     *
     * @param status  the HTTP status
     * @param kind    the snake_case kind
     * @param message one line: what is wrong and what to do
     */
    public ApiError(int status, String kind, String message) {
        this(status, kind, message, Map.of());
    }

    /**
     * A 400 {@code bad_request}.
     *
     * @param message what is wrong and what to do
     * @return the error
     */
    public static ApiError badRequest(String message) {
        return new ApiError(400, "bad_request", message);
    }

    /**
     * A 404 {@code not_found}.
     *
     * @param message what was not found
     * @return the error
     */
    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    /**
     * The HTTP status.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * The snake_case kind.
     *
     * @return the kind
     */
    public String kind() {
        return kind;
    }

    /**
     * Extra response headers.
     *
     * @return header name to value
     */
    public Map<String, String> headers() {
        return headers;
    }
}
