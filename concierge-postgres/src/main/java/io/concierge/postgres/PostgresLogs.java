package io.concierge.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.core.store.Lease;
import io.concierge.core.store.LogRecords;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Event logs in the {@code logs} table, one row per line numbered from 1. An append holds a
 * transaction-scoped advisory lock on its log, so it sees the last line and adds the next one
 * while no other appender of that log can: the hash chain never forks.
 */
final class PostgresLogs implements LogRecords {
    private final Database database;
    private final ObjectMapper json = new ObjectMapper();

    PostgresLogs(Database database) {
        this.database = database;
    }

    @Override
    public String append(String jobId, String log, Lease fence, UnaryOperator<String> lineAfter) {
        Fences.requireFor(jobId, fence);
        return database.transaction("append to " + jobId + "/" + log, connection -> {
            Fences.check(connection, fence);
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(? || '/' || ?, 0))")) {
                lock.setString(1, jobId);
                lock.setString(2, log);
                lock.execute();
            }
            long lastSeq = 0;
            String last = "";
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT seq, line FROM logs WHERE job_id = ? AND log = ? ORDER BY seq DESC")) {
                // Read backwards a few rows at a time: the last line is nearly always the one wanted.
                select.setFetchSize(8);
                select.setString(1, jobId);
                select.setString(2, log);
                try (ResultSet rows = select.executeQuery()) {
                    boolean first = true;
                    while (rows.next()) {
                        if (first) {
                            lastSeq = rows.getLong(1);
                            first = false;
                        }
                        String line = rows.getString(2);
                        if (wellFormed(line)) {
                            last = line;
                            break;
                        }
                    }
                }
            }
            String line = lineAfter.apply(last);
            if (line == null || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a line of " + jobId + "/" + log + " must be one line of text, not "
                        + (line == null ? "null" : "text with a line break"));
            }
            insert(connection, jobId, log, lastSeq + 1, line);
            return line;
        });
    }

    private static void insert(Connection connection, String jobId, String log, long seq, String line) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO logs (job_id, log, seq, line) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, jobId);
            insert.setString(2, log);
            insert.setLong(3, seq);
            insert.setString(4, line);
            insert.executeUpdate();
        }
    }

    /** A JSON object, the only kind of line a chained log holds. */
    private boolean wellFormed(String line) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
            return false;
        }
        try {
            return json.readTree(trimmed).isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    @Override
    public List<String> lines(String jobId, String log) {
        return database.transaction("read " + jobId + "/" + log, connection -> {
            List<String> lines = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT line FROM logs WHERE job_id = ? AND log = ? ORDER BY seq")) {
                select.setFetchSize(1000);
                select.setString(1, jobId);
                select.setString(2, log);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        lines.add(rows.getString(1));
                    }
                }
            }
            return lines;
        });
    }

    @Override
    public List<String> names(String jobId) {
        return database.transaction("list the logs of " + jobId, connection -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT DISTINCT log FROM logs WHERE job_id = ? ORDER BY log")) {
                select.setString(1, jobId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
            }
            return names;
        });
    }
}
