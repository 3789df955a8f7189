package io.concierge.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.core.store.AgentRegistry;
import io.concierge.core.store.DocumentRecords;
import io.concierge.core.store.JobRecords;
import io.concierge.core.store.LogRecords;
import io.concierge.core.store.Store;
import io.concierge.core.store.StoreSettings;
import io.concierge.core.store.WorkQueue;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The store many machines share: everything Concierge persists, in PostgreSQL. Chosen in
 * {@code concierge.json} with
 *
 * <pre>{@code
 * "store": {"kind": "postgres", "url": "jdbc:postgresql://db.example:5432/concierge",
 *           "user": "concierge", "password_env": "CONCIERGE_DB_PASSWORD"}
 * }</pre>
 *
 * <p>Options: {@code url} (required), {@code user}, the password from the environment variable
 * {@code password_env} names or from the first line of the file {@code password_file} names
 * (relative to the workspace; never the password itself), {@code schema} (default
 * {@code concierge}: the tables live there, so several stores can share one database) and
 * {@code pool_size} (connections per process, default 8).
 *
 * <p>Opening a store creates its schema, or upgrades it, with the SQL migrations in
 * {@code io/concierge/postgres/migration} (Flyway; history in {@code concierge_schema_history}); a
 * store whose schema is current skips Flyway. Claims use {@code FOR UPDATE SKIP LOCKED}, leases
 * are judged by the database's clock, every fenced write checks the lease in its own transaction,
 * and waiting agents wake on {@code LISTEN "<schema>_work"}.
 */
public final class PostgresStore implements Store {
    /** The newest migration's version; a schema at it skips Flyway on open (checked by a test). */
    static final String SCHEMA_VERSION = "1";
    static final String HISTORY_TABLE = "concierge_schema_history";
    static final String MIGRATIONS = "classpath:io/concierge/postgres/migration";

    private final PostgresSettings settings;
    private final HikariDataSource pool;
    private final WorkSignals signals;
    private final PostgresJobs jobs;
    private final PostgresDocuments documents;
    private final PostgresLogs logs;
    private final PostgresQueue queue;
    private final PostgresAgents agents;

    private PostgresStore(PostgresSettings settings, PGSimpleDataSource direct, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
        Database database = new Database(pool, settings.location());
        this.signals = new WorkSignals(direct, database, settings.schema() + "_work");
        this.jobs = new PostgresJobs(database);
        this.documents = new PostgresDocuments(database);
        this.logs = new PostgresLogs(database);
        this.queue = new PostgresQueue(database, signals);
        this.agents = new PostgresAgents(database);
    }

    /**
     * Connects, creates or upgrades the schema, and opens the pool.
     *
     * @param storeSettings the {@code store} section of {@code concierge.json}
     * @return the open store
     * @throws InvalidWorkspaceException with one sentence of what to do when a setting is wrong,
     *         the server cannot be reached, it refuses the user, or the database does not exist
     */
    public static PostgresStore open(StoreSettings storeSettings) {
        PostgresSettings settings = PostgresSettings.from(storeSettings);
        PGSimpleDataSource direct = directSource(settings);
        migrate(settings, direct);
        HikariConfig config = new HikariConfig();
        config.setDataSource(direct);
        config.setSchema(settings.schema());
        config.setPoolName("concierge-postgres-" + settings.schema());
        config.setMaximumPoolSize(settings.poolSize());
        // One idle connection: a bit command makes a few calls and ends, an agent grows as it needs.
        config.setMinimumIdle(1);
        config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(10));
        // The migration has just connected; the pool need not check again before its first use.
        config.setInitializationFailTimeout(-1);
        return new PostgresStore(settings, direct, new HikariDataSource(config));
    }

    @Override
    public String kind() {
        return PostgresStoreFactory.KIND;
    }

    /** The JDBC URL without its query, and the schema: {@code jdbc:postgresql://h:5432/db (schema concierge)}. */
    @Override
    public String location() {
        return settings.location() + " (schema " + settings.schema() + ")";
    }

    @Override
    public JobRecords jobs() {
        return jobs;
    }

    @Override
    public DocumentRecords documents() {
        return documents;
    }

    @Override
    public LogRecords logs() {
        return logs;
    }

    @Override
    public WorkQueue queue() {
        return queue;
    }

    @Override
    public AgentRegistry agents() {
        return agents;
    }

    @Override
    public void close() {
        signals.close();
        pool.close();
    }

    @Override
    public String toString() {
        return "PostgresStore[" + location() + "]";
    }

    private static PGSimpleDataSource directSource(PostgresSettings settings) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        // Defaults first: the URL's own parameters, set next, win over them.
        source.setApplicationName("concierge");
        source.setTcpKeepAlive(true);
        source.setConnectTimeout(10);
        try {
            source.setUrl(settings.url());
        } catch (IllegalArgumentException e) {
            throw new InvalidWorkspaceException("store.url " + settings.location() + " is not a valid PostgreSQL JDBC URL:"
                    + " write it as jdbc:postgresql://HOST:5432/DATABASE", e);
        }
        if (settings.user() != null) {
            source.setUser(settings.user());
        }
        if (settings.password() != null) {
            source.setPassword(settings.password());
        }
        return source;
    }

    /**
     * Brings the schema to {@link #SCHEMA_VERSION}. Processes that open the store at once take
     * turns through an advisory lock, so two never race to create the schema.
     */
    private static void migrate(PostgresSettings settings, PGSimpleDataSource direct) {
        try (Connection connection = direct.getConnection()) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(hashtextextended(?, 0))")) {
                lock.setString(1, "concierge migration " + settings.schema());
                lock.execute();
            }
            try {
                if (!current(connection, settings.schema())) {
                    Flyway.configure(PostgresStore.class.getClassLoader())
                            .dataSource(direct)
                            .schemas(settings.schema())
                            .createSchemas(true)
                            .table(HISTORY_TABLE)
                            .locations(MIGRATIONS)
                            .failOnMissingLocations(true)
                            // Function bodies use $$; nothing in the migrations is a placeholder.
                            .placeholderReplacement(false)
                            .loggers("slf4j")
                            .load()
                            .migrate();
                }
            } finally {
                try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(hashtextextended(?, 0))")) {
                    unlock.setString(1, "concierge migration " + settings.schema());
                    unlock.execute();
                }
            }
        } catch (SQLException e) {
            throw openFailure(settings, e);
        } catch (FlywayException e) {
            SQLException sql = sqlCause(e);
            if (sql != null) {
                throw openFailure(settings, sql);
            }
            throw new InvalidWorkspaceException("could not create or upgrade the tables of the PostgreSQL store at "
                    + settings.location() + " (schema " + settings.schema() + "): " + Database.firstLine(e)
                    + "; fix the database as the message says, or open the store with a user that owns the schema", e);
        }
    }

    /** Whether the schema's history records the newest migration as applied. */
    private static boolean current(Connection connection, String schema) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            select.setString(1, "\"" + schema + "\"." + HISTORY_TABLE);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next() || !row.getBoolean(1)) {
                    return false;
                }
            }
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM \"" + schema + "\"." + HISTORY_TABLE
                + " WHERE version = ? AND success")) {
            select.setString(1, SCHEMA_VERSION);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /** One sentence for each way opening fails, naming the URL (never the password) and what to do. */
    static InvalidWorkspaceException openFailure(PostgresSettings settings, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = settings.location();
        String user = settings.user() == null ? "the default user" : "user '" + settings.user() + "'";
        String message;
        if (state.equals("3D000")) {
            message = "the database of store.url " + where + " does not exist: create it (createdb, or CREATE DATABASE)"
                    + " or correct store.url in concierge.json";
        } else if (state.startsWith("28")) {
            message = "PostgreSQL at " + where + " refused " + user + ": " + Database.firstLine(e)
                    + "; check store.user and the password that store.password_env or store.password_file gives";
        } else if (state.equals("42501")) {
            message = "PostgreSQL at " + where + " does not let " + user + " create the store's tables in schema "
                    + settings.schema() + ": " + Database.firstLine(e) + "; grant it CREATE on the database, or let the"
                    + " schema's owner open the store once";
        } else if (state.startsWith("08") || state.equals("57P03") || networkCause(e) != null) {
            Throwable network = networkCause(e);
            String reason = network instanceof UnknownHostException ? "unknown host " + network.getMessage()
                    : network instanceof ConnectException ? "connection refused"
                    : network instanceof SocketTimeoutException ? "no answer within the connect timeout"
                    : Database.firstLine(e);
            message = "cannot reach PostgreSQL at " + where + " (" + reason + "): start the server, or correct store.url"
                    + " in concierge.json";
        } else {
            message = "cannot open the PostgreSQL store at " + where + ": " + Database.firstLine(e)
                    + "; check the server's log and the store section of concierge.json";
        }
        return new InvalidWorkspaceException(message, e);
    }

    private static Throwable networkCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException || cause instanceof ConnectException
                    || cause instanceof NoRouteToHostException || cause instanceof SocketTimeoutException) {
                return cause;
            }
        }
        return null;
    }
}
