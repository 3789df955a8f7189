package io.concierge.postgres;

import io.concierge.core.store.StoreSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A database of its own on the test server (PostgreSQL on 127.0.0.1:5432, user postgres, trust
 * auth, as on the project's machines and in CI), created on construction and dropped on close.
 * An unreachable server fails the test, naming it; it never skips.
 */
final class TestDatabase implements AutoCloseable {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static final String ADMIN_URL = SERVER + "postgres";

    private final String name;

    TestDatabase() {
        this.name = "concierge_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE DATABASE " + name);
    }

    String name() {
        return name;
    }

    String url() {
        return SERVER + name;
    }

    /** Store settings for one schema of this database; extra options as key, value, key, value. */
    StoreSettings settings(String schema, String... options) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("url", url(), "user", "postgres", "schema", schema,
                "pool_size", "4"));
        for (int i = 0; i < options.length; i += 2) {
            all.put(options[i], options[i + 1]);
        }
        return new StoreSettings("postgres", Path.of("target"), all, Map.of());
    }

    /** A connection to this database, as the test's own superuser. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", "");
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        Connection admin;
        try {
            admin = DriverManager.getConnection(ADMIN_URL, "postgres", "");
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL is not reachable at 127.0.0.1:5432 as user postgres (" + e.getMessage()
                    + "): these tests need it running with trust auth on loopback; bash .ci/services starts it", e);
        }
        try (admin; Statement statement = admin.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL at 127.0.0.1:5432 refused " + sql + ": " + e.getMessage(), e);
        }
    }
}
