package io.concierge.server.http;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes connections that trickle a request's headers in. Jetty's idle timeout is reset by every
 * byte, so a client sending one byte every few seconds (slowloris) would hold its connection
 * forever; this sweep, every header timeout, closes a connection that received bytes during a
 * whole period while no request was under way and no request's headers were completed. A
 * connection is so closed between one and two header timeouts after it began dawdling. When the
 * connection limit is reached, connections that stayed silent between requests for a whole period
 * are closed too, so that new ones can be accepted.
 *
 * <p>Only the public {@code Connection} counters are read: requests in (counted once their
 * headers are complete), responses out (counted once begun) and bytes in; a connection whose
 * request is still being handled, such as an event stream, is never touched.
 */
final class HeaderTimeout extends AbstractLifeCycle {
    private static final System.Logger LOG = System.getLogger(HeaderTimeout.class.getName());

    private final ServerConnector connector;
    private final Duration period;
    private final int maxConnections;
    private final java.util.function.Predicate<Connection> busy;
    private final Map<EndPoint, Snapshot> last = new HashMap<>();
    private volatile Scheduler.Task task;

    private record Snapshot(long messagesIn, long messagesOut, long bytesIn) {
        static Snapshot of(Connection c) {
            return new Snapshot(c.getMessagesIn(), c.getMessagesOut(), c.getBytesIn());
        }
    }

    HeaderTimeout(ServerConnector connector, Duration period, int maxConnections,
                  java.util.function.Predicate<Connection> busy) {
        this.busy = busy;
        this.connector = connector;
        this.period = period;
        this.maxConnections = maxConnections;
    }

    @Override
    protected void doStart() {
        schedule();
    }

    @Override
    protected void doStop() {
        Scheduler.Task t = task;
        if (t != null) {
            t.cancel();
        }
    }

    private void schedule() {
        if (isRunning() || isStarting()) {
            task = connector.getScheduler().schedule(this::sweep, period.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void sweep() {
        try {
            Map<EndPoint, Snapshot> now = new HashMap<>();
            boolean full = connector.getConnectedEndPoints().size() >= maxConnections;
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                Connection connection = endPoint.getConnection();
                if (connection == null) {
                    continue;
                }
                Snapshot current = Snapshot.of(connection);
                Snapshot before = last.get(endPoint);
                // a response counts as out once begun: a request being handled (an event stream) is never idle
                boolean betweenRequests = current.messagesIn() == current.messagesOut() && !busy.test(connection);
                if (before != null && betweenRequests && current.messagesIn() == before.messagesIn()
                        && current.messagesOut() == before.messagesOut() && current.bytesIn() > before.bytesIn()) {
                    LOG.log(System.Logger.Level.DEBUG, "closing {0}: request headers not complete within {1}",
                            endPoint.getRemoteSocketAddress(), period);
                    endPoint.close();
                    continue;
                }
                if (full && before != null && betweenRequests && current.equals(before)) {
                    LOG.log(System.Logger.Level.DEBUG, "closing idle {0}: the connection limit is reached",
                            endPoint.getRemoteSocketAddress());
                    endPoint.close();
                    continue;
                }
                now.put(endPoint, current);
            }
            last.clear();
            last.putAll(now);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "header timeout sweep failed", e);
        } finally {
            schedule();
        }
    }
}
