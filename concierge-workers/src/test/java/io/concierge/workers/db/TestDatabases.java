package io.concierge.workers.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.GZIPInputStream;

/** Builds and reads SQLite files for the backup tests with plain JDBC, independently of the worker's code. */
final class TestDatabases {

    private TestDatabases() {
    }

    /** Opens a read-write connection. */
    static Connection open(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    /**
     * A small shop: customers, orders with two lines each, a table whose name needs quoting, an
     * index and a view.
     */
    static Path shop(Path file, String journalMode, int orders) throws SQLException {
        try (Connection c = open(file); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=" + journalMode);
            s.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
            s.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT, customer_id INTEGER, note BLOB)");
            s.execute("CREATE TABLE order_lines (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL, sku TEXT)");
            s.execute("CREATE INDEX order_lines_by_order ON order_lines(order_id)");
            s.execute("CREATE TABLE \"odd \"\"name\"\"\" (x)");
            s.execute("CREATE VIEW big_orders AS SELECT * FROM orders WHERE id > 10");
            s.execute("INSERT INTO customers (name) VALUES ('ada'), ('grace'), ('linus')");
            s.execute("INSERT INTO \"odd \"\"name\"\"\" VALUES (1), (2)");
            // Set-based inserts: building a large test database row by row takes seconds.
            try (PreparedStatement bulk = c.prepareStatement("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
                    + "SELECT i + 1 FROM n WHERE i < ?) "
                    + "INSERT INTO orders (customer_id, note) SELECT i % 3 + 1, randomblob(200) FROM n")) {
                bulk.setInt(1, orders);
                if (orders > 0) {
                    bulk.executeUpdate();
                }
            }
            s.execute("INSERT INTO order_lines (order_id, sku) SELECT id, 'sku-a' FROM orders "
                    + "UNION ALL SELECT id, 'sku-b' FROM orders");
        }
        return file;
    }

    /** Inserts one order with its two lines (in the caller's transaction). */
    static void insertOrder(Connection c, int customer) throws SQLException {
        long orderId;
        try (PreparedStatement order = c.prepareStatement("INSERT INTO orders (customer_id, note) VALUES (?, randomblob(200))")) {
            order.setInt(1, customer);
            order.executeUpdate();
        }
        try (Statement s = c.createStatement(); ResultSet id = s.executeQuery("SELECT last_insert_rowid()")) {
            id.next();
            orderId = id.getLong(1);
        }
        try (PreparedStatement line = c.prepareStatement("INSERT INTO order_lines (order_id, sku) VALUES (?, ?)")) {
            for (String sku : new String[] {"sku-a", "sku-b"}) {
                line.setLong(1, orderId);
                line.setString(2, sku);
                line.executeUpdate();
            }
        }
    }

    /** {@code SELECT count(*)} of one table. */
    static long count(Path file, String table) throws SQLException {
        try (Connection c = open(file); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** {@code PRAGMA integrity_check}'s first row. */
    static String integrity(Path file) throws SQLException {
        try (Connection c = open(file); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("PRAGMA integrity_check")) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** Gunzips {@code gz} into {@code target}. */
    static Path gunzip(Path gz, Path target) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
