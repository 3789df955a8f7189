package io.concierge.server.http;

import java.io.IOException;

/** Answers one matched request; whatever it throws becomes a JSON error answer. */
@FunctionalInterface
public interface Handler {
    /**
     * Handles the request and sends the answer.
     *
     * @param exchange the request and its answer
     * @throws IOException when the client cannot be written to
     */
    void handle(Exchange exchange) throws IOException;
}
