package io.concierge.postgres;

import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.NotFoundException;
import io.concierge.core.store.JobPage;
import io.concierge.core.store.JobQuery;
import io.concierge.core.store.JobRecord;
import io.concierge.core.store.JobRecords;
import io.concierge.core.store.Lease;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Jobs in the {@code jobs} table; a change holds the job's row lock from read to write. */
final class PostgresJobs implements JobRecords {
    static final String COLUMNS = "id, version, status, package_ref, created_at, updated_at, content";

    private final Database database;

    PostgresJobs(Database database) {
        this.database = database;
    }

    @Override
    public Optional<JobRecord> find(String id) {
        return database.transaction("read job " + id, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM jobs WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(record(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void create(JobRecord record) {
        int inserted = database.transaction("create job " + record.id(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO jobs (id, version, status, package_ref,"
                    + " package_name, created_at, updated_at, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                insert.setString(1, record.id());
                insert.setLong(2, record.version());
                insert.setString(3, record.status());
                insert.setString(4, record.packageRef());
                insert.setString(5, record.packageName());
                Database.setInstant(insert, 6, record.createdAt());
                Database.setInstant(insert, 7, record.updatedAt());
                insert.setString(8, record.content());
                return insert.executeUpdate();
            }
        });
        if (inserted == 0) {
            throw new IllegalStateException("job " + record.id() + " exists already in " + database.location()
                    + ": a new job needs a new id");
        }
    }

    @Override
    public JobRecord update(String id, Lease fence, UnaryOperator<JobRecord> change) {
        Fences.requireFor(id, fence);
        return database.transaction("update job " + id, connection -> {
            JobRecord current;
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + ", lease_token, lease_expires_at IS NOT NULL AS held FROM jobs WHERE id = ? FOR UPDATE")) {
                select.setString(1, id);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new NotFoundException("no job " + id + " in the store at " + database.location()
                                + ": list the jobs with bit job list");
                    }
                    Fences.check(fence, row.getLong("lease_token"), row.getBoolean("held"));
                    current = record(row);
                }
            }
            JobRecord next = change.apply(current);
            if (next == current) {
                return current;
            }
            Objects.requireNonNull(next, "the change of job " + id + " returned null");
            if (!next.id().equals(id) || next.version() != current.version() + 1) {
                throw new IllegalArgumentException("a change of job " + id + " at version " + current.version()
                        + " must keep its id and give version " + (current.version() + 1) + ", not " + next.id() + " at "
                        + next.version());
            }
            try (PreparedStatement write = connection.prepareStatement("UPDATE jobs SET version = ?, status = ?, package_ref = ?,"
                    + " package_name = ?, created_at = ?, updated_at = ?, content = ? WHERE id = ?")) {
                write.setLong(1, next.version());
                write.setString(2, next.status());
                write.setString(3, next.packageRef());
                write.setString(4, next.packageName());
                Database.setInstant(write, 5, next.createdAt());
                Database.setInstant(write, 6, next.updatedAt());
                write.setString(7, next.content());
                write.setString(8, id);
                write.executeUpdate();
            }
            return new JobRecord(next.id(), next.version(), next.status(), next.packageRef(), Database.stored(next.createdAt()),
                    Database.stored(next.updatedAt()), next.content());
        });
    }

    @Override
    public List<String> ids() {
        return database.transaction("list the job ids", connection -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM jobs ORDER BY id");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        });
    }

    @Override
    public JobPage list(JobQuery query) {
        Cursor after = query.cursor().isEmpty() ? null : Cursor.parse(query.cursor());
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM jobs WHERE true");
        if (!query.statuses().isEmpty()) {
            sql.append(" AND status = ANY (?)");
        }
        if (query.since() != null) {
            sql.append(" AND created_at >= ?");
        }
        if (after != null) {
            // Keyset paging: the next page starts strictly after the last row shown, in the
            // listing's own order, so rows added meanwhile neither repeat nor shift the pages.
            sql.append(" AND (created_at, id) < (?, ?)");
        }
        sql.append(" ORDER BY created_at DESC, id DESC");
        if (query.limit() > 0) {
            sql.append(" LIMIT ?");
        }
        return database.transaction("list jobs", connection -> {
            List<JobRecord> jobs = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                int index = 1;
                if (!query.statuses().isEmpty()) {
                    select.setArray(index++, Database.textArray(connection, query.statuses()));
                }
                if (query.since() != null) {
                    Database.setInstant(select, index++, query.since());
                }
                if (after != null) {
                    Database.setInstant(select, index++, after.createdAt());
                    select.setString(index++, after.id());
                }
                if (query.limit() > 0) {
                    // One more than asked: whether it exists says whether there is a next page.
                    select.setInt(index, query.limit() + 1);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        jobs.add(record(rows));
                    }
                }
            }
            if (query.limit() > 0 && jobs.size() > query.limit()) {
                List<JobRecord> page = jobs.subList(0, query.limit());
                JobRecord last = page.get(page.size() - 1);
                return new JobPage(page, new Cursor(last.createdAt(), last.id()).text());
            }
            return new JobPage(jobs, "");
        });
    }

    static JobRecord record(ResultSet row) throws SQLException {
        return new JobRecord(row.getString("id"), row.getLong("version"), row.getString("status"), row.getString("package_ref"),
                Database.instant(row, "created_at"), Database.instant(row, "updated_at"), row.getString("content"));
    }

    /** Where a page ended: the last job's creation time (in microseconds, as stored) and id. */
    record Cursor(Instant createdAt, String id) {
        private static final String PREFIX = "c1:";

        String text() {
            long micros = Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L), createdAt.getNano() / 1000);
            String raw = PREFIX + micros + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String text) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                if (raw.startsWith(PREFIX)) {
                    int colon = raw.indexOf(':', PREFIX.length());
                    long micros = Long.parseLong(raw.substring(PREFIX.length(), colon));
                    String id = raw.substring(colon + 1);
                    if (!id.isEmpty()) {
                        return new Cursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                                Math.floorMod(micros, 1_000_000L) * 1000), id);
                    }
                }
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                // not one of ours: reported below
            }
            throw new InvalidInputException("'" + text + "' is not a cursor of this store's job listing:"
                    + " pass the next cursor the previous page returned, or none for the first page");
        }
    }
}
