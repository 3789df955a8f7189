package io.concierge.postgres;

import io.concierge.api.failure.InvalidWorkspaceException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import javax.sql.DataSource;

/**
 * Runs each store operation as one transaction on a pooled connection, and turns the driver's
 * failures into Concierge's: a lost server into a message naming it, a deadlock or serialization
 * failure into a retry.
 */
final class Database {
    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;
    private final String location;

    Database(DataSource dataSource, String location) {
        this.dataSource = dataSource;
        this.location = location;
    }

    /** One unit of work inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction and commits it; rolls back on any failure. A transaction
     * that PostgreSQL aborted for a deadlock or a serialization conflict runs again, so
     * {@code work} must be free of side effects outside the connection.
     *
     * @param doing what the work does, for a message ("update job j_1")
     */
    <T> T transaction(String doing, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException | Error e) {
                    rollbackQuietly(connection, e);
                    throw e;
                }
            } catch (SQLException e) {
                if (retryable(e) && attempt < ATTEMPTS) {
                    continue;
                }
                throw failure(doing, e);
            }
        }
    }

    /** A driver failure as the exception a caller of the store sees. */
    RuntimeException failure(String doing, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P03") || e instanceof java.sql.SQLTransientConnectionException) {
            return new InvalidWorkspaceException("lost the PostgreSQL store at " + location + " while trying to " + doing + ": "
                    + firstLine(e) + "; check that the server runs and is reachable, then try again", e);
        }
        // Anything else is a bug of this store or a schema changed behind its back.
        return new IllegalStateException("could not " + doing + " in the PostgreSQL store at " + location + ": " + firstLine(e), e);
    }

    String location() {
        return location;
    }

    private static boolean retryable(SQLException e) {
        return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }

    static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    // Small conversions shared by the record classes.

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    /** An instant as PostgreSQL keeps it: microseconds. */
    static Instant stored(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** A duration in microseconds, for {@code ? * interval '1 microsecond'}; at least one. */
    static long micros(Duration duration) {
        return Math.max(1, duration.toNanos() / 1000);
    }

    static Array textArray(Connection connection, Collection<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray(new String[0]));
    }
}
