package io.concierge.postgres;

import io.concierge.core.store.DocumentKey;
import io.concierge.core.store.DocumentRecords;
import io.concierge.core.store.Lease;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Intents, plans, manifests and seals in the {@code documents} table, one row each. */
final class PostgresDocuments implements DocumentRecords {
    private final Database database;

    PostgresDocuments(Database database) {
        this.database = database;
    }

    @Override
    public Optional<String> get(DocumentKey key) {
        return database.transaction("read " + describe(key), connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT content FROM documents WHERE kind = ? AND job_id = ? AND name = ?")) {
                select.setString(1, key.kind().name());
                select.setString(2, key.jobId());
                select.setString(3, key.name());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void put(DocumentKey key, String content, Lease fence) {
        Objects.requireNonNull(content, "content");
        Fences.requireFor(key.jobId(), fence);
        database.transaction("write " + describe(key), connection -> {
            Fences.check(connection, fence);
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO documents (kind, job_id, name, content)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (kind, job_id, name) DO UPDATE SET content = EXCLUDED.content")) {
                upsert.setString(1, key.kind().name());
                upsert.setString(2, key.jobId());
                upsert.setString(3, key.name());
                upsert.setString(4, content);
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public List<String> names(DocumentKey.Kind kind, String jobId) {
        String job = jobId == null ? "" : jobId;
        return database.transaction("list the " + kind.name().toLowerCase(java.util.Locale.ROOT) + " documents of " + job,
                connection -> {
                    List<String> names = new ArrayList<>();
                    try (PreparedStatement select = connection.prepareStatement(
                            "SELECT name FROM documents WHERE kind = ? AND job_id = ? ORDER BY name")) {
                        select.setString(1, kind.name());
                        select.setString(2, job);
                        try (ResultSet rows = select.executeQuery()) {
                            while (rows.next()) {
                                names.add(rows.getString(1));
                            }
                        }
                    }
                    return names;
                });
    }

    private static String describe(DocumentKey key) {
        return key.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + (key.jobId().isEmpty() ? "" : key.jobId() + "/")
                + key.name();
    }
}
