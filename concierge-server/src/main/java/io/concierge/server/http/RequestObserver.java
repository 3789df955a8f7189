package io.concierge.server.http;

import java.util.Optional;

/** Told of every request once it is answered: the access log and the request metrics listen. */
@FunctionalInterface
public interface RequestObserver {
    /**
     * One answered request.
     *
     * @param remote    the client's address
     * @param method    the request method
     * @param target    the path and query as sent
     * @param route     the matched route template (e.g. {@code /api/jobs/{id}}), or null when none matched
     * @param status    the status answered, 0 when nothing could be
     * @param bytes     the body bytes sent
     * @param nanos     how long it took
     * @param principal the approver name of the caller's token, when tokens are in use
     */
    record Completed(String remote, String method, String target, String route, int status, long bytes, long nanos,
                     Optional<String> principal) {
    }

    /**
     * Records a request.
     *
     * @param request what was asked and answered
     */
    void completed(Completed request);

    /**
     * An observer that does nothing.
     *
     * @return the observer
     */
    static RequestObserver none() {
        return request -> { };
    }
}
