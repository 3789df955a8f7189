package io.concierge.workers.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConfig;

/**
 * A read-only connection to one SQLite file, with the few queries a backup needs. Long
 * statements stop with an {@link SQLException} (SQLite's "interrupted") as soon as the given
 * stop signal says so.
 */
final class SqliteDatabase implements AutoCloseable {

    /**
     * SQLite calls the stop check every this many virtual-machine instructions, about once a
     * millisecond: often enough to stop promptly, rarely enough that a stop check which touches
     * the file system (a halt marker) costs nothing noticeable.
     */
    private static final int INSTRUCTIONS_PER_STOP_CHECK = 100_000;
    /**
     * How long to wait for another connection's lock. In rollback-journal mode a writer holds an
     * exclusive lock while it commits; readers must wait that moment out rather than fail.
     */
    private static final int BUSY_TIMEOUT_MS = 30_000;

    private final Connection connection;

    private SqliteDatabase(Connection connection) {
        this.connection = connection;
    }

    /**
     * Opens {@code file} read-only, so a backup can never change the database it copies. (On a
     * WAL database SQLite may still create the empty {@code -wal} and {@code -shm} side files
     * it needs for reading.)
     *
     * @param stop polled during statements; when it returns true the statement is interrupted
     */
    static SqliteDatabase openReadOnly(Path file, BooleanSupplier stop) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            ProgressHandler.setHandler(connection, INSTRUCTIONS_PER_STOP_CHECK, new ProgressHandler() {
                @Override
                protected int progress() {
                    return stop.getAsBoolean() ? 1 : 0;
                }
            });
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new SqliteDatabase(connection);
    }

    /**
     * Writes a consistent copy of the database to {@code target} (which must not exist).
     *
     * <p>Why {@code VACUUM INTO} and not the online backup API: VACUUM INTO reads the whole
     * database inside one read transaction, so the copy is exactly the database as of one
     * commit, whatever other connections write meanwhile (in WAL mode they are not even
     * blocked). The backup API copies page batches between lock releases and must restart from
     * scratch whenever another connection commits, so against a busy writer it may never
     * finish. VACUUM INTO also drops free pages, so the copy is compact.
     */
    void vacuumInto(Path target) throws SQLException {
        // Bound as a parameter: the path is never spliced into SQL text.
        try (PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, target.toAbsolutePath().toString());
            vacuum.execute();
        }
    }

    /**
     * The row count of every ordinary table, by name. Virtual tables are skipped: their rows
     * live in their shadow tables, which are counted, and counting them could need a module
     * this build lacks. The schema table itself is not counted.
     */
    List<TableRows> tableRowCounts() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM pragma_table_list "
                     + "WHERE schema = 'main' AND type IN ('table', 'shadow') AND name <> 'sqlite_schema' "
                     + "ORDER BY name")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        List<TableRows> counts = new ArrayList<>();
        for (String name : names) {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM main." + quoteIdentifier(name))) {
                rows.next();
                counts.add(new TableRows(name, rows.getLong(1)));
            }
        }
        return counts;
    }

    /** The rows of {@code PRAGMA integrity_check}: exactly {@code ["ok"]} for a sound database. */
    List<String> integrityCheck() throws SQLException {
        List<String> messages = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            while (rows.next()) {
                messages.add(rows.getString(1));
            }
        }
        return messages;
    }

    /** The version of the SQLite library doing the work, e.g. {@code 3.50.3}. */
    String sqliteVersion() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT sqlite_version()")) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /** Table names come from the file being backed up, so they are quoted, never trusted. */
    private static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
