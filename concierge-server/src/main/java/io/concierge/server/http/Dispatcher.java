package io.concierge.server.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.concierge.server.auth.BearerAuth;
import io.concierge.server.auth.SameOriginGuard;
import io.concierge.server.json.Json;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's one HTTP handler: decodes the path, refuses requests from other web sites,
 * checks the token for the API (the dashboard's static files need none: they hold no data),
 * finds the route and turns whatever goes wrong into a JSON error answer.
 */
public final class Dispatcher implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    private final Router api;
    private final Router web;
    private final BearerAuth auth;
    private final SameOriginGuard origins;
    private final Json json;
    private final int maxBodyBytes;
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * Creates the handler.
     *
     * @param api          the API's routes ({@code /api/...} and {@code /openapi.json}), behind the token check
     * @param web          the dashboard's routes, open
     * @param auth         the token check
     * @param json         the JSON codec
     * @param maxBodyBytes the largest request body accepted
     */
    public Dispatcher(Router api, Router web, BearerAuth auth, Json json, int maxBodyBytes) {
        this.api = api;
        this.web = web;
        this.auth = auth;
        this.origins = new SameOriginGuard(!auth.enabled());
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(HttpExchange http) {
        inFlight.incrementAndGet();
        Exchange exchange = null;
        RequestPath path = null;
        try {
            URI uri = http.getRequestURI();
            path = RequestPath.parse(uri.getRawPath(), uri.getRawQuery());
            origins.check(http.getRequestMethod(), http.getRequestHeaders().getFirst("Host"),
                    http.getRequestHeaders().getFirst("Origin"));
            boolean isApi = path.startsWith("api") || path.raw().equals("/openapi.json");
            Optional<String> principal = isApi
                    ? auth.authenticate(http.getRequestHeaders().getFirst("Authorization"))
                    : Optional.empty();
            Router.Match match = (isApi ? api : web).find(http.getRequestMethod(), path);
            exchange = new Exchange(http, json, path, match.params(), principal, maxBodyBytes);
            match.route().handler().handle(exchange);
        } catch (Throwable failure) {
            answer(http, exchange, path, failure);
        } finally {
            http.close();
            inFlight.decrementAndGet();
        }
    }

    /**
     * How many requests are being handled right now.
     *
     * @return the number of requests under way
     */
    public int inFlight() {
        return inFlight.get();
    }

    private void answer(HttpExchange http, Exchange exchange, RequestPath path, Throwable failure) {
        String request = http.getRequestMethod() + " " + http.getRequestURI().getRawPath();
        if (exchange != null && exchange.responded()) {
            // the status line is out, so nothing more can be said; mostly the client went away
            // (a closed event stream, a cancelled download)
            LOG.log(System.Logger.Level.DEBUG, "request " + request + " ended early: " + failure);
            return;
        }
        ApiError error = ErrorMapping.toApiError(failure);
        if (error.status() >= 500) {
            LOG.log(System.Logger.Level.WARNING, "request " + request + " failed", failure);
        }
        Exchange target = exchange != null ? exchange : new Exchange(http, json,
                path != null ? path : new RequestPath(http.getRequestURI().getRawPath(), List.of(), Map.of()),
                Map.of(), Optional.empty(), maxBodyBytes);
        try {
            target.sendError(error);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not answer " + request + ": " + e);
        }
    }
}
