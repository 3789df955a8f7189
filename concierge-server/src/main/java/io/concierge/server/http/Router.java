package io.concierge.server.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The route table: finds the route for a method and path, or says why there is none (404 for
 * an unknown path, 405 with {@code Allow} for a known path and another method).
 *
 * <pre>{@code
 * Router router = new Router()
 *         .add("GET", "/api/jobs/{id}", exchange -> ...)
 *         .add("PATCH", "/api/jobs/{id}/inputs", exchange -> ...);
 * }</pre>
 */
public final class Router {
    private final List<Route> routes = new ArrayList<>();

    /** Creates an empty table. */
    public Router() {
    }

    /**
     * Adds a route.
     *
     * @param method   the HTTP method
     * @param template the path template
     * @param handler  what answers it
     * @return this router
     */
    public Router add(String method, String template, Handler handler) {
        return add(method, template, Set.of(), handler);
    }

    /**
     * Adds a route that reads query parameters.
     *
     * @param method   the HTTP method
     * @param template the path template
     * @param query    the query parameters it accepts; others are refused
     * @param handler  what answers it
     * @return this router
     */
    public Router add(String method, String template, Set<String> query, Handler handler) {
        Route route = new Route(method, template, query, handler);
        if (routes.stream().anyMatch(r -> r.method().equals(method) && r.template().equals(template))) {
            throw new IllegalArgumentException("route added twice: " + route);
        }
        routes.add(route);
        return this;
    }

    /**
     * Every route, in the order added.
     *
     * @return the routes
     */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /**
     * A route and the path parameters it matched.
     *
     * @param route  the route
     * @param params its path parameters by name
     */
    public record Match(Route route, Map<String, String> params) {
        /**
         * Copies.
         *
         * @param route  the route
         * @param params its path parameters by name
         */
        public Match {
            params = Map.copyOf(params);
        }
    }

    /**
     * Finds the route for a request. Literal segments win over parameters, so
     * {@code /api/jobs/{id}/plan} and {@code /api/jobs/{id}/plans} never shadow each other.
     *
     * @param method the request method
     * @param path   the decoded path
     * @return the match
     * @throws ApiError 404 when no route has this path, 405 when none has this method for it
     */
    public Match find(String method, RequestPath path) {
        Set<String> allowed = new LinkedHashSet<>();
        Match best = null;
        int bestLiterals = -1;
        for (Route route : routes) {
            Optional<Map<String, String>> params = route.match(path.segments());
            if (params.isEmpty()) {
                continue;
            }
            allowed.add(route.method());
            int literals = route.segments().size() - params.get().size();
            if (route.method().equals(method) && literals > bestLiterals) {
                best = new Match(route, params.get());
                bestLiterals = literals;
            }
        }
        if (best != null) {
            for (String name : path.query().keySet()) {
                if (!best.route().query().contains(name)) {
                    throw ApiError.badRequest("unknown query parameter '" + name + "' for " + best.route()
                            + (best.route().query().isEmpty() ? ", which takes none"
                            : "; it takes " + String.join(", ", new java.util.TreeSet<>(best.route().query()))));
                }
            }
            return best;
        }
        if (!allowed.isEmpty()) {
            String allow = String.join(", ", allowed);
            throw new ApiError(405, "method_not_allowed", method + " is not allowed on " + path.raw()
                    + "; use " + allow, Map.of("Allow", allow));
        }
        throw ApiError.notFound("no such endpoint: " + method + " " + path.raw() + " (see /openapi.json)");
    }
}
