package io.concierge.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes waiting agents when work may be queued, through PostgreSQL's LISTEN/NOTIFY: one daemon
 * thread per store holds a dedicated connection that LISTENs on the store's channel and blocks in
 * the driver until a notification arrives; every arrival moves a generation counter that waiters
 * watch. Started by the first wait, so a store that never waits opens no extra connection.
 *
 * <p>Notifications come from {@link #signal()} and from the triggers of the {@code jobs} table
 * (a job became APPROVED, a lease was released), so any writer, in any process, wakes agents.
 * While the connection is lost the thread reconnects with a growing pause, and it counts a
 * (re)connection as a notification: something may have been queued meanwhile.
 */
final class WorkSignals implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkSignals.class);
    /** How long the driver blocks per call; it returns at once when a notification arrives. */
    private static final int BLOCK_MILLIS = 10_000;

    private final DataSource listenSource;
    private final Database database;
    private final String channel;
    private final Object lock = new Object();
    // guarded by lock
    private long generation;
    private boolean listening;
    private boolean closed;
    private Thread thread;
    private Connection connection;

    /**
     * @param listenSource where the dedicated connection comes from (not the pool: it is held for good)
     * @param database     the pool, for NOTIFY
     * @param channel      the channel name
     */
    WorkSignals(DataSource listenSource, Database database, String channel) {
        this.listenSource = listenSource;
        this.database = database;
        this.channel = channel;
    }

    /** Sends a notification on the channel (delivered to every listener of this database). */
    void signal() {
        database.transaction("notify the agents", connection -> {
            try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, '')")) {
                notify.setString(1, channel);
                notify.execute();
            }
            return null;
        });
    }

    /**
     * Blocks until a notification arrives after the listener listens, or {@code max} passed.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void await(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, max.toNanos());
        synchronized (lock) {
            if (closed) {
                return;
            }
            start();
            // A notification sent before LISTEN took effect is lost; wait until it has, so that
            // whatever happens from here on is seen.
            while (!listening && !closed) {
                if (!waitUntil(deadline)) {
                    return;
                }
            }
            long seen = generation;
            while (generation == seen && !closed) {
                if (!waitUntil(deadline)) {
                    return;
                }
            }
        }
    }

    /** Waits on the lock until notified or the deadline; false once the deadline has passed. */
    private boolean waitUntil(long deadline) throws InterruptedException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
        return true;
    }

    private void start() {
        if (thread == null) {
            thread = new Thread(this::listen, "concierge-postgres-listen-" + channel);
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void listen() {
        long pauseMillis = 250;
        while (true) {
            Connection opened = null;
            try {
                opened = listenSource.getConnection();
                synchronized (lock) {
                    if (closed) {
                        opened.close();
                        return;
                    }
                    connection = opened;
                }
                try (Statement listen = opened.createStatement()) {
                    listen.execute("LISTEN \"" + channel + "\"");
                }
                synchronized (lock) {
                    listening = true;
                    generation++;
                    lock.notifyAll();
                }
                pauseMillis = 250;
                PGConnection notifications = opened.unwrap(PGConnection.class);
                while (true) {
                    PGNotification[] arrived = notifications.getNotifications(BLOCK_MILLIS);
                    synchronized (lock) {
                        if (closed) {
                            return;
                        }
                        if (arrived != null && arrived.length > 0) {
                            generation++;
                            lock.notifyAll();
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                synchronized (lock) {
                    listening = false;
                    connection = null;
                    if (closed) {
                        return;
                    }
                }
                LOG.warn("lost the LISTEN connection of {} ({}); connecting again in {} ms", database.location(),
                        Database.firstLine(e), pauseMillis);
                closeQuietly(opened);
                if (!pause(pauseMillis)) {
                    return;
                }
                pauseMillis = Math.min(pauseMillis * 2, 5_000);
            }
        }
    }

    /** Sleeps before reconnecting, unless the store closes meanwhile; false when it did. */
    private boolean pause(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (lock) {
            try {
                while (!closed && waitUntil(deadline)) {
                    // woken early by a notifyAll for waiters: keep pausing
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return !closed;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken; nothing to release
            }
        }
    }

    /** Stops listening: waiters return, the thread ends, the connection closes. */
    @Override
    public void close() {
        Connection open;
        Thread listener;
        synchronized (lock) {
            closed = true;
            open = connection;
            listener = thread;
            lock.notifyAll();
        }
        if (open != null) {
            try {
                // abort, not close: close would wait for the driver call blocked in getNotifications.
                open.abort(Runnable::run);
            } catch (SQLException ignored) {
                // the connection is going away either way
            }
        }
        if (listener != null) {
            try {
                listener.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
