package io.concierge.server;

import io.concierge.api.Concierge;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.failure.ConciergeException.Kind;
import io.concierge.server.auth.BearerAuth;
import io.concierge.server.auth.SameOriginGuard;
import io.concierge.server.http.Dispatcher;
import io.concierge.server.http.HttpListener;
import io.concierge.server.http.Route;
import io.concierge.server.http.Router;
import io.concierge.server.json.Json;
import io.concierge.server.json.JsonViews;
import io.concierge.server.observe.AccessLog;
import io.concierge.server.observe.HealthRoutes;
import io.concierge.server.observe.ServerMetrics;
import io.concierge.server.routes.AgentRoutes;
import io.concierge.server.routes.ApprovalRoutes;
import io.concierge.server.routes.ArtifactRoutes;
import io.concierge.server.routes.AuditRoutes;
import io.concierge.server.routes.EventRoutes;
import io.concierge.server.routes.IntentRoutes;
import io.concierge.server.routes.JobRoutes;
import io.concierge.server.routes.OpenApiRoute;
import io.concierge.server.routes.PackageRoutes;
import io.concierge.server.routes.PlanRoutes;
import io.concierge.server.routes.ReportRoutes;
import io.concierge.server.routes.RunRoutes;
import io.concierge.server.sse.EventStream;
import io.concierge.server.web.StaticFiles;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;

/**
 * Serves one {@link Concierge} over HTTP: a JSON API under {@code /api} (described by
 * {@code /openapi.json}) and a web dashboard at {@code /}, on Jetty's core HTTP server.
 *
 * <pre>{@code
 * try (Concierge concierge = Concierge.open(Path.of("/srv/concierge"));
 *      ConciergeServer server = ConciergeServer.start(concierge, ServerOptions.builder().port(8080).build())) {
 *     System.out.println("dashboard at " + server.url());
 *     server.awaitClose();
 * }
 * }</pre>
 *
 * <p>Runs happen on the server's run executor: {@code POST /api/jobs/{id}/run} answers 202 as
 * soon as the run has started. On a loopback address (the default) the server needs no tokens;
 * any other address needs at least one, and then every API request must carry
 * {@code Authorization: Bearer <token>}, and approvals are recorded under the token's name.
 * Requests must be addressed to a loopback name, the bound address or a name allowed in the
 * options (against DNS rebinding); slow or idle connections are closed and their number is
 * limited, so that a few half-sent requests cannot keep everyone else out.
 * The server does not close the Concierge it serves.
 */
public final class ConciergeServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ConciergeServer.class.getName());

    private final Server http;
    private final Dispatcher dispatcher;
    private final ExecutorService runPool;
    private final boolean ownsRunPool;
    private final Router api;
    private final URI url;
    private final AtomicBoolean serving;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final Object closeMonitor = new Object();

    private ConciergeServer(Server http, Dispatcher dispatcher, ExecutorService runPool, boolean ownsRunPool,
                            Router api, URI url, AtomicBoolean serving) {
        this.http = http;
        this.dispatcher = dispatcher;
        this.runPool = runPool;
        this.ownsRunPool = ownsRunPool;
        this.api = api;
        this.url = url;
        this.serving = serving;
    }

    /**
     * Starts serving {@code concierge}.
     *
     * @param concierge the Concierge to serve (the caller closes it, after the server)
     * @param options   where to listen and whom to let in
     * @return the running server; close it when done
     * @throws ConciergeException BAD_REQUEST when a non-loopback address is asked for without a
     *                            token, or the address is unknown; FAILED when the port cannot be bound
     */
    public static ConciergeServer start(Concierge concierge, ServerOptions options) {
        Objects.requireNonNull(concierge, "concierge");
        Objects.requireNonNull(options, "options");
        InetAddress address = resolve(options.bindAddress());
        if (!address.isLoopbackAddress() && options.tokens().isEmpty()) {
            throw new ConciergeException(Kind.BAD_REQUEST, "binding to " + options.bindAddress()
                    + " needs --token NAME=SECRET (better: --token-file PATH or $CONCIERGE_TOKENS, which ps does not show): without a token anyone who can reach this address could approve"
                    + " and run jobs (or bind to 127.0.0.1)");
        }
        boolean ownsRunPool = options.runExecutor().isEmpty();
        ExecutorService runPool = options.runExecutor().orElseGet(() -> Executors.newFixedThreadPool(
                options.runThreads(), threads("concierge-run-")));
        AtomicBoolean serving = new AtomicBoolean(true);
        io.concierge.server.routes.JobReader reader = new io.concierge.server.routes.JobReader(concierge);
        ServerMetrics metrics = new ServerMetrics(() -> {
            java.util.Map<io.concierge.api.job.JobStatus, Long> counts = new java.util.EnumMap<>(io.concierge.api.job.JobStatus.class);
            reader.summaries().forEach(job -> counts.merge(job.status(), 1L, Long::sum));
            return counts;
        });
        Router api = apiRoutes(concierge, options, runPool, serving::get, metrics, reader);
        HealthRoutes health = new HealthRoutes(concierge, metrics, serving::get);
        health.registerProbes(api);
        health.registerMetrics(api);
        Router web = new Router();
        new StaticFiles().register(web);
        HttpListener listener = new HttpListener(address, options.port(), options.requestThreads(),
                options.headerTimeout(), options.idleTimeout(), options.maxConnections());
        // the port is known once bound; the guard needs it, so it reads it through a holder
        int[] boundPort = {options.port()};
        Dispatcher dispatcher = new Dispatcher(api, web, new BearerAuth(options.tokens()),
                new SameOriginGuard(hosts(address, options.allowedHosts()), () -> boundPort[0]), new Json(),
                options.maxBodyBytes(), new AccessLog(List.of(metrics)));
        Server http;
        try {
            http = listener.start(dispatcher);
        } catch (Exception e) {
            if (ownsRunPool) {
                runPool.shutdownNow();
            }
            throw new ConciergeException(Kind.FAILED, "cannot listen on " + options.bindAddress() + ":" + options.port()
                    + " (" + e.getMessage() + "); choose another port with --port", e);
        }
        boundPort[0] = HttpListener.localPort(http);
        URI url = URI.create("http://" + host(address) + ":" + boundPort[0] + "/");
        ConciergeServer server = new ConciergeServer(http, dispatcher, runPool, ownsRunPool, api, url, serving);
        LOG.log(System.Logger.Level.INFO, "Concierge server listening on {0}", url);
        return server;
    }

    private static Router apiRoutes(Concierge concierge, ServerOptions options, ExecutorService runPool,
                                    java.util.function.BooleanSupplier serving, ServerMetrics metrics,
                                    io.concierge.server.routes.JobReader reader) {
        JsonViews views = JsonViews.forHttp(JsonViews.packagesOf(concierge));
        Router router = new Router();
        new IntentRoutes(concierge, views).register(router);
        // the list's feed polls at most once a second: even from the index, a look at 10,000 job files is not free
        new JobRoutes(concierge, views, new io.concierge.server.sse.JobFeed(concierge, reader, views,
                options.streamPollInterval().compareTo(java.time.Duration.ofSeconds(1)) > 0
                        ? options.streamPollInterval() : java.time.Duration.ofSeconds(1), serving), reader).register(router);
        new PlanRoutes(concierge, views).register(router);
        new ApprovalRoutes(concierge, views).register(router);
        new RunRoutes(concierge, views, runPool, options.runStartWait(), metrics).register(router);
        new EventRoutes(concierge, views,
                new EventStream(concierge, views, options.streamPollInterval(), serving)).register(router);
        new ArtifactRoutes(concierge, views).register(router);
        new ReportRoutes(concierge, java.time.Clock.systemUTC()).register(router);
        new PackageRoutes(concierge, views).register(router);
        new AuditRoutes(concierge, views).register(router);
        new AgentRoutes(concierge, views).register(router);
        new OpenApiRoute().register(router);
        return router;
    }

    /**
     * The port the server listens on (the one chosen when port 0 was asked for).
     *
     * @return the port
     */
    public int port() {
        return HttpListener.localPort(http);
    }

    /**
     * The dashboard's address, e.g. {@code http://127.0.0.1:8080/}; for a wildcard bind address
     * the loopback address is given.
     *
     * @return the base URL, ending in {@code /}
     */
    public URI url() {
        return url;
    }

    /**
     * The API's routes as {@code METHOD /path/{param}}, as {@code /openapi.json} must describe them.
     *
     * @return the routes, in registration order
     */
    public List<String> routes() {
        return api.routes().stream().map(Route::toString).toList();
    }

    /**
     * The query parameters each API route takes, keyed as {@link #routes()} names them; a request
     * with any other is refused, and {@code /openapi.json} must list exactly these.
     *
     * @return route to its query parameters
     */
    public java.util.Map<String, java.util.Set<String>> routeQueries() {
        java.util.Map<String, java.util.Set<String>> queries = new java.util.LinkedHashMap<>();
        api.routes().forEach(route -> queries.put(route.toString(), route.query()));
        return queries;
    }

    /**
     * Whether the server still serves.
     *
     * @return false once {@link #close()} was called
     */
    public boolean isOpen() {
        return open.get();
    }

    /**
     * Blocks until {@link #close()} is called from another thread (for a foreground {@code bit serve}).
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public void awaitClose() throws InterruptedException {
        synchronized (closeMonitor) {
            while (open.get()) {
                closeMonitor.wait();
            }
        }
    }

    /**
     * Stops serving: open event streams end, requests under way get up to two seconds to finish,
     * the listening socket closes. Runs on the server's own pool are let finish for up to 30 seconds, then
     * interrupted (the job becomes HALTED); a host's run executor is left alone. Idempotent.
     */
    @Override
    public void close() {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        serving.set(false);
        // let requests under way finish (event streams end at their next poll), then close at once
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (dispatcher.inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            http.stop();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "stopping the HTTP server failed", e);
        }
        if (ownsRunPool) {
            runPool.shutdown();
            try {
                if (!runPool.awaitTermination(30, TimeUnit.SECONDS)) {
                    runPool.shutdownNow();
                }
            } catch (InterruptedException e) {
                runPool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        synchronized (closeMonitor) {
            closeMonitor.notifyAll();
        }
        LOG.log(System.Logger.Level.INFO, "Concierge server on {0} closed", url);
    }

    private static InetAddress resolve(String bindAddress) {
        try {
            return InetAddress.getByName(bindAddress);
        } catch (UnknownHostException e) {
            throw new ConciergeException(Kind.BAD_REQUEST, "unknown bind address '" + bindAddress
                    + "': give an IP address such as 127.0.0.1 or a host name of this machine", e);
        }
    }

    private static String host(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return address instanceof Inet6Address ? "[::1]" : "127.0.0.1";
        }
        String text = address.getHostAddress();
        return address instanceof Inet6Address ? "[" + text.replaceAll("%.*", "") + "]" : text;
    }

    /**
     * The names requests may be addressed to besides loopback names: the bound address, every
     * address of this machine when bound to all of them, and the names the operator allowed.
     */
    private static Set<String> hosts(InetAddress address, Set<String> allowed) {
        Set<String> hosts = new LinkedHashSet<>(allowed);
        if (address.isAnyLocalAddress()) {
            try {
                for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    Collections.list(nic.getInetAddresses()).forEach(a -> hosts.add(host(a)));
                }
            } catch (SocketException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot list this machine's addresses: " + e.getMessage());
            }
        } else {
            hosts.add(host(address));
        }
        return hosts;
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
