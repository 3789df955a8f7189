package io.concierge.server.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The listening socket and its connections, on Jetty's core server (no servlets): HTTP/1.1
 * parsing, keep-alive and chunking are Jetty's; the limits that keep the server answering under
 * abuse are set here. Headers are read without a thread (a half-sent request holds a connection,
 * not a worker), connections that trickle their headers are closed ({@link HeaderTimeout}),
 * silent ones after the idle timeout, and past the connection limit new connections wait in the
 * operating system's queue.
 *
 * @param bindAddress    the address to listen on
 * @param port           the port, 0 for any free one
 * @param requestThreads how many requests are handled at once
 * @param headerTimeout  how long a request's headers may take once begun
 * @param idleTimeout    how long a connection may stay silent
 * @param maxConnections how many connections may be open at once
 */
public record HttpListener(InetAddress bindAddress, int port, int requestThreads, Duration headerTimeout,
                           Duration idleTimeout, int maxConnections) {
    /** Request headers larger than this are answered 431. */
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    /**
     * Binds and starts serving with {@code handler}.
     *
     * @param handler answers every request
     * @return the started server
     * @throws Exception when the port cannot be bound
     */
    public Server start(Dispatcher handler) throws Exception {
        // one acceptor and one selector thread besides the request threads
        QueuedThreadPool threads = new QueuedThreadPool(requestThreads + 4, Math.min(4, requestThreads + 2),
                (int) Duration.ofSeconds(30).toMillis());
        threads.setName("concierge-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        config.setRequestHeaderSize(MAX_HEADER_BYTES);
        // RequestPath decodes and refuses '..', encoded slashes and the like with a JSON answer
        config.setUriCompliance(UriCompliance.UNSAFE);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(bindAddress.getHostAddress());
        connector.setPort(port);
        connector.setIdleTimeout(idleTimeout.toMillis());
        connector.setAcceptQueueSize(128);
        connector.setReuseAddress(false);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(maxConnections, connector));
        server.addBean(new HeaderTimeout(connector, headerTimeout, maxConnections, handler::busy));
        server.setErrorHandler(new JsonErrors());
        server.setHandler(handler);
        server.setStopTimeout(0);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return server;
    }

    /**
     * The port a started server listens on.
     *
     * @param server the server {@link #start} returned
     * @return its local port
     */
    public static int localPort(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** Errors Jetty answers by itself (a malformed request line, headers too large) in the API's JSON shape. */
    private static final class JsonErrors extends ErrorHandler {
        @Override
        public boolean handle(Request request, org.eclipse.jetty.server.Response response,
                              org.eclipse.jetty.util.Callback callback) {
            int status = response.getStatus() <= 0 ? 400 : response.getStatus();
            Object message = request.getAttribute(ERROR_MESSAGE);
            String text = ("the request could not be read (" + status
                    + (message == null ? "" : ": " + message) + "); send a well-formed HTTP/1.1 request").replaceAll("\\p{Cntrl}", " ");
            String body = "{\"error\":{\"kind\":\"" + (status == 431 ? "headers_too_large" : "bad_request")
                    + "\",\"message\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}}";
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }

    /**
     * Where the server listens.
     *
     * @param server the server {@link #start} returned
     * @return the bound address and port
     */
    public static InetSocketAddress address(Server server) {
        ServerConnector connector = (ServerConnector) server.getConnectors()[0];
        return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
    }
}
