package io.concierge.server.routes;

import io.concierge.server.http.Router;

/** A group of endpoints that adds itself to the route table. */
public interface Routes {
    /**
     * Adds this group's routes.
     *
     * @param router the route table
     */
    void register(Router router);
}
