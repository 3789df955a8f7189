package io.concierge.server.routes;

import io.concierge.api.Concierge;
import io.concierge.server.http.Router;
import io.concierge.server.json.JsonViews;

/** {@code /api/packages}: the task packages known, and one by {@code id} or {@code id@version}. */
public final class PackageRoutes implements Routes {
    private final Concierge concierge;
    private final JsonViews views;

    /**
     * Creates the endpoints.
     *
     * @param concierge the Concierge served
     * @param views     the package views
     */
    public PackageRoutes(Concierge concierge, JsonViews views) {
        this.concierge = concierge;
        this.views = views;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/api/packages", ex -> ex.send(200, views.list(concierge.packages(), views::taskPackage)))
                .add("GET", "/api/packages/{ref}",
                        ex -> ex.send(200, views.taskPackage(concierge.taskPackage(ex.param("ref")))));
    }
}
