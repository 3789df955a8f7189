package io.concierge.server.http;

import io.concierge.server.auth.BearerAuth;
import io.concierge.server.auth.SameOriginGuard;
import io.concierge.server.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The server's one request handler: decodes the path, refuses requests addressed to other names
 * or sent from other web sites, checks the token for the API (the dashboard's static files need
 * none: they hold no data), finds the route, turns whatever goes wrong into a JSON error answer
 * and tells the {@link RequestObserver} (access log, metrics) how it went.
 */
public final class Dispatcher extends Handler.Abstract {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());
    private static final java.util.Set<String> API_FILES = java.util.Set.of("/openapi.json", "/metrics");
    private static final java.util.Set<String> PROBES = java.util.Set.of("/healthz", "/readyz");

    private final Router api;
    private final Router web;
    private final BearerAuth auth;
    private final SameOriginGuard origins;
    private final Json json;
    private final int maxBodyBytes;
    private final RequestObserver observer;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final java.util.Set<org.eclipse.jetty.io.Connection> busy = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Creates the handler.
     *
     * @param api          the API's routes ({@code /api/...} and {@code /openapi.json}), behind the token check
     * @param web          the dashboard's routes and the probes, open
     * @param auth         the token check
     * @param origins      the Host and Origin check
     * @param json         the JSON codec
     * @param maxBodyBytes the largest request body accepted
     * @param observer     told of every answered request
     */
    public Dispatcher(Router api, Router web, BearerAuth auth, SameOriginGuard origins, Json json, int maxBodyBytes,
                      RequestObserver observer) {
        super(InvocationType.BLOCKING);
        this.api = api;
        this.web = web;
        this.auth = auth;
        this.origins = origins;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
        this.observer = observer;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        inFlight.incrementAndGet();
        org.eclipse.jetty.io.Connection connection = request.getConnectionMetaData().getConnection();
        busy.add(connection);
        long start = System.nanoTime();
        Exchange exchange = null;
        RequestPath path = null;
        String template = null;
        Optional<String> principal = Optional.empty();
        Throwable broken = null;
        try {
            path = RequestPath.parse(request.getHttpURI().getPath(), request.getHttpURI().getQuery());
            origins.check(request.getMethod(), request.getHeaders().get("Host"), request.getHeaders().get("Origin"));
            boolean isApi = path.startsWith("api") || API_FILES.contains(path.raw()) || PROBES.contains(path.raw());
            // the probes tell only that the server is up, so an orchestrator needs no token for them
            principal = isApi && !PROBES.contains(path.raw())
                    ? auth.authenticate(request.getHeaders().get("Authorization")) : Optional.empty();
            Router.Match match = (isApi ? api : web).find(request.getMethod(), path);
            template = match.route().template();
            exchange = new Exchange(request, response, json, path, match.params(), principal, maxBodyBytes);
            match.route().handler().handle(exchange);
            exchange.finish();
        } catch (Throwable failure) {
            if (exchange == null) {
                exchange = new Exchange(request, response, json,
                        path != null ? path : new RequestPath(request.getHttpURI().getPath(), List.of(), Map.of()),
                        Map.of(), principal, maxBodyBytes);
            }
            broken = answer(request, exchange, failure);
        } finally {
            busy.remove(connection);
            inFlight.decrementAndGet();
            observer.completed(new RequestObserver.Completed(Request.getRemoteAddr(request), request.getMethod(),
                    request.getHttpURI().getPathQuery(), template, exchange == null ? 0 : exchange.status(),
                    exchange == null ? 0 : exchange.bytesSent(), System.nanoTime() - start, principal));
        }
        if (broken != null) {
            callback.failed(broken);
        } else {
            callback.succeeded();
        }
        return true;
    }

    /**
     * How many requests are being handled right now.
     *
     * @return the number of requests under way
     */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Whether a request on this connection is being handled (an event stream, a download), so
     * that the connection is not taken for an idle one.
     *
     * @param connection the connection
     * @return true while one of its requests is under way
     */
    public boolean busy(org.eclipse.jetty.io.Connection connection) {
        return busy.contains(connection);
    }

    /** Sends the error answer; returns the failure when nothing can be said and the connection must be dropped. */
    private Throwable answer(Request request, Exchange exchange, Throwable failure) {
        String what = request.getMethod() + " " + request.getHttpURI().getPath();
        if (exchange.responded()) {
            // the status line is out, so nothing more can be said; mostly the client went away
            // (a closed event stream, a cancelled download)
            LOG.log(System.Logger.Level.DEBUG, "request " + what + " ended early: " + failure);
            return failure;
        }
        ApiError error = ErrorMapping.toApiError(failure);
        if (error.status() >= 500) {
            LOG.log(System.Logger.Level.WARNING, "request " + what + " failed", failure);
        }
        try {
            exchange.sendError(error);
            return null;
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "could not answer " + what + ": " + e);
            return e;
        }
    }
}
