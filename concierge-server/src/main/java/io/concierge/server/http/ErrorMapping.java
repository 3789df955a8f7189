package io.concierge.server.http;

import io.concierge.api.failure.ConciergeException;
import java.util.Locale;

/**
 * Maps what a handler threw to the answer the client gets: a {@link ConciergeException}'s
 * kind decides the status (bad request 400, not found 404, wrong state and ambiguous 409,
 * integrity and broken workspace 422), anything unexpected is a 500.
 */
public final class ErrorMapping {
    private ErrorMapping() {
    }

    /**
     * The answer for {@code failure}.
     *
     * @param failure what a handler threw
     * @return the error to send
     */
    public static ApiError toApiError(Throwable failure) {
        if (failure instanceof ApiError api) {
            return api;
        }
        if (failure instanceof ConciergeException ce) {
            return new ApiError(status(ce.kind()), ce.kind().name().toLowerCase(Locale.ROOT), oneLine(ce.getMessage()));
        }
        return new ApiError(500, "internal", "internal error (" + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + oneLine(failure.getMessage()))
                + "); the server log has the details");
    }

    /**
     * The HTTP status for a kind of failure.
     *
     * @param kind the kind
     * @return the HTTP status
     */
    public static int status(ConciergeException.Kind kind) {
        return switch (kind) {
            case BAD_REQUEST -> 400;
            case NOT_FOUND -> 404;
            case WRONG_STATE, AMBIGUOUS -> 409;
            case INTEGRITY, INVALID_WORKSPACE, FAILED -> 422;
        };
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
