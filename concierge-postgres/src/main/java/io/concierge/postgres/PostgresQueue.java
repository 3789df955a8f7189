package io.concierge.postgres;

import io.concierge.api.failure.NotFoundException;
import io.concierge.core.store.ClaimRequest;
import io.concierge.core.store.Lease;
import io.concierge.core.store.LeaseLostException;
import io.concierge.core.store.WorkQueue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The queue is the {@code jobs} table itself: a job is queued while it is APPROVED (or RUNNING)
 * and no live lease holds it. Leases are three columns of the job's row; every time comparison
 * uses the database's clock, so agents on machines whose clocks disagree still agree on which
 * lease is live.
 */
final class PostgresQueue implements WorkQueue {
    /** Queued: claimable statuses, and no lease, a released one or one that ran out. */
    static final String QUEUED = "status IN ('APPROVED', 'RUNNING')"
            + " AND (lease_expires_at IS NULL OR lease_expires_at <= clock_timestamp())";
    private static final String EXPIRES = "clock_timestamp() + ? * interval '1 microsecond'";

    private final Database database;
    private final WorkSignals signals;

    PostgresQueue(Database database, WorkSignals signals) {
        this.database = database;
        this.signals = signals;
    }

    @Override
    public Optional<Lease> claim(ClaimRequest request) {
        List<String> patterns = request.packages().stream().map(PostgresQueue::likePattern).toList();
        // SKIP LOCKED: a row another claimer is taking right now is passed over instead of waited
        // for, so concurrent agents each get a different job without queueing behind each other.
        String sql = "WITH candidate AS (SELECT id FROM jobs WHERE " + QUEUED
                + (patterns.isEmpty() ? "" : " AND package_name LIKE ANY (?)")
                + (request.skip().isEmpty() ? "" : " AND NOT (id = ANY (?))")
                + " ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)"
                + " UPDATE jobs SET lease_token = jobs.lease_token + 1, lease_holder = ?, lease_expires_at = " + EXPIRES
                + " FROM candidate WHERE jobs.id = candidate.id RETURNING jobs.id, jobs.lease_token, jobs.lease_expires_at";
        return database.transaction("claim a job for " + request.holder(), connection -> {
            try (PreparedStatement claim = connection.prepareStatement(sql)) {
                int index = 1;
                if (!patterns.isEmpty()) {
                    claim.setArray(index++, Database.textArray(connection, patterns));
                }
                if (!request.skip().isEmpty()) {
                    claim.setArray(index++, Database.textArray(connection, request.skip()));
                }
                claim.setString(index++, request.holder());
                claim.setLong(index, Database.micros(request.leaseFor()));
                try (ResultSet row = claim.executeQuery()) {
                    return row.next()
                            ? Optional.of(new Lease(row.getString(1), request.holder(), row.getLong(2), Database.instant(row, "lease_expires_at")))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<Lease> acquire(String jobId, String holder, Duration leaseFor) {
        return database.transaction("take the lease of job " + jobId, connection -> {
            try (PreparedStatement take = connection.prepareStatement("UPDATE jobs SET lease_token = lease_token + 1,"
                    + " lease_holder = ?, lease_expires_at = " + EXPIRES + " WHERE id = ?"
                    + " AND (lease_expires_at IS NULL OR lease_expires_at <= clock_timestamp())"
                    + " RETURNING lease_token, lease_expires_at")) {
                take.setString(1, holder);
                take.setLong(2, Database.micros(leaseFor));
                take.setString(3, jobId);
                try (ResultSet row = take.executeQuery()) {
                    if (row.next()) {
                        return Optional.of(new Lease(jobId, holder, row.getLong(1), Database.instant(row, "lease_expires_at")));
                    }
                }
            }
            if (!exists(connection, jobId)) {
                throw new NotFoundException("no job " + jobId + " in the store at " + database.location()
                        + ": list the jobs with bit job list");
            }
            return Optional.empty();
        });
    }

    @Override
    public Lease renew(Lease lease, Duration leaseFor) {
        Optional<Instant> expires = database.transaction("renew the lease of job " + lease.jobId(), connection -> {
            try (PreparedStatement renew = connection.prepareStatement("UPDATE jobs SET lease_expires_at = " + EXPIRES
                    + " WHERE id = ? AND lease_token = ? AND lease_expires_at IS NOT NULL RETURNING lease_expires_at")) {
                renew.setLong(1, Database.micros(leaseFor));
                renew.setString(2, lease.jobId());
                renew.setLong(3, lease.token());
                try (ResultSet row = renew.executeQuery()) {
                    return row.next() ? Optional.of(Database.instant(row, "lease_expires_at")) : Optional.<Instant>empty();
                }
            }
        });
        return new Lease(lease.jobId(), lease.holder(), lease.token(), expires.orElseThrow(() -> new LeaseLostException(lease)));
    }

    @Override
    public void release(Lease lease) {
        // The release trigger of the jobs table tells waiting agents that the job is queued again.
        database.transaction("release the lease of job " + lease.jobId(), connection -> {
            try (PreparedStatement release = connection.prepareStatement("UPDATE jobs SET lease_holder = NULL,"
                    + " lease_expires_at = NULL WHERE id = ? AND lease_token = ? AND lease_expires_at IS NOT NULL")) {
                release.setString(1, lease.jobId());
                release.setLong(2, lease.token());
                return release.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Lease> current(String jobId) {
        return database.transaction("read the lease of job " + jobId, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id, lease_holder, lease_token, lease_expires_at"
                    + " FROM jobs WHERE id = ? AND lease_expires_at > clock_timestamp()")) {
                select.setString(1, jobId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(lease(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public SortedMap<String, Integer> depth() {
        return database.transaction("count the queued jobs", connection -> {
            SortedMap<String, Integer> depth = new TreeMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT package_name, count(*) FROM jobs WHERE " + QUEUED + " GROUP BY package_name");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    depth.put(rows.getString(1), rows.getInt(2));
                }
            }
            return depth;
        });
    }

    @Override
    public void awaitWork(Duration max) throws InterruptedException {
        // A lease that runs out queues its job without any writer to send a NOTIFY: wake no later
        // than the earliest live lease of a queueable job lapses.
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before waiting for work");
        }
        Duration wait = max;
        Optional<Duration> untilExpiry;
        try {
            untilExpiry = nextExpiry();
        } catch (RuntimeException e) {
            if (Thread.interrupted()) {
                // The pool answers an interrupt while it hands out a connection with its own exception.
                InterruptedException interrupted = new InterruptedException("interrupted while waiting for work");
                interrupted.initCause(e);
                throw interrupted;
            }
            throw e;
        }
        if (untilExpiry.isPresent() && untilExpiry.get().compareTo(wait) < 0) {
            // A few milliseconds past the expiry, so that the claim after waking finds it lapsed.
            wait = untilExpiry.get().plusMillis(5);
        }
        signals.await(wait);
    }

    /** How long until the earliest live lease of a queueable job lapses, if there is one. */
    private Optional<Duration> nextExpiry() {
        return database.transaction("read the next lease expiry", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT extract(epoch FROM min(lease_expires_at)"
                    + " - clock_timestamp()) FROM jobs WHERE status IN ('APPROVED', 'RUNNING') AND lease_expires_at > clock_timestamp()");
                 ResultSet row = select.executeQuery()) {
                row.next();
                double seconds = row.getDouble(1);
                return row.wasNull() ? Optional.<Duration>empty() : Optional.of(Duration.ofNanos((long) (seconds * 1e9)));
            }
        });
    }

    @Override
    public void signal() {
        signals.signal();
    }

    @Override
    public List<Lease> leases() {
        return database.transaction("list the leases", connection -> {
            List<Lease> leases = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id, lease_holder, lease_token, lease_expires_at"
                    + " FROM jobs WHERE lease_expires_at > clock_timestamp() ORDER BY id");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    leases.add(lease(rows));
                }
            }
            return leases;
        });
    }

    private static Lease lease(ResultSet row) throws SQLException {
        return new Lease(row.getString("id"), row.getString("lease_holder"), row.getLong("lease_token"),
                Database.instant(row, "lease_expires_at"));
    }

    private static boolean exists(Connection connection, String jobId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM jobs WHERE id = ?")) {
            select.setString(1, jobId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /**
     * A package glob as a LIKE pattern: {@code *} any run, {@code ?} one character; LIKE's own
     * wildcards and its escape character are escaped.
     */
    static String likePattern(String glob) {
        StringBuilder like = new StringBuilder(glob.length() + 4);
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> like.append('%');
                case '?' -> like.append('_');
                case '%', '_', '\\' -> like.append('\\').append(c);
                default -> like.append(c);
            }
        }
        return like.toString();
    }
}
