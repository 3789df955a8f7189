package io.concierge.workers.db;

import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.worker.Worker;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerDescriptor;
import io.concierge.api.worker.WorkerResult;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code db.backup}: an online backup of an SQLite database. It takes a consistent snapshot
 * while other connections keep writing, compresses it, proves it restores (integrity check and
 * row counts), and writes a JSON manifest beside it.
 *
 * <p>Input {@code database_file}; params {@code compression} ({@code gzip}, the default,
 * {@code zstd} or {@code none}) and {@code verify} (default true). Outputs {@code backup}
 * ({@code <stem>-<yyyyMMdd'T'HHmmss'Z'>.db.gz}, {@code .db.zst} or {@code .db}) and {@code manifest}
 * ({@code <stem>-backup-manifest.json}).
 *
 * <p>Failures: {@code input.invalid} for a missing file, a file that is not SQLite or a bad
 * param; {@code backup.failed} when the snapshot cannot be taken (retryable when the database
 * was locked); {@code verification.failed} when the backup does not restore to the snapshot.
 */
public final class SqliteBackupWorker implements Worker {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** Progress bar shares: the snapshot, then compression, then verification. */
    private static final double COMPRESS_START = 0.4;
    private static final double VERIFY_START = 0.7;

    /** SQLite's primary result codes for "another connection holds a lock". */
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    /** 1.1 adds zstd; the new minor version also keeps the step cache from serving outputs of 1.0. */
    private static final WorkerDescriptor DESCRIPTOR = new WorkerDescriptor("db.backup", "1.1.0",
            "Consistent online backup of an SQLite database, compressed, verified, with a manifest",
            List.of("database_file"), List.of("compression", "verify"), List.of("backup", "manifest"));

    /** Creates the worker; it keeps no state between steps. */
    public SqliteBackupWorker() {
    }

    @Override
    public WorkerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(WorkerContext ctx) {
        BackupOptions.from(ctx.params());
        databaseInput(ctx);
    }

    @Override
    public WorkerResult execute(WorkerContext ctx) throws IOException {
        HaltSignal halt = new HaltSignal(ctx);
        halt.check();
        try {
            return backUp(ctx, halt);
        } catch (ClosedByInterruptException e) {
            // File channels give up with this when the thread is interrupted mid-read: a halt.
            halt.check();
            throw e;
        }
    }

    private WorkerResult backUp(WorkerContext ctx, HaltSignal halt) throws IOException {
        // Elapsed time is measured, not read from the (possibly fixed) clock of the context.
        long startNanos = System.nanoTime();
        BackupOptions options = BackupOptions.from(ctx.params());
        Path source = databaseInput(ctx);
        Instant takenAt = ctx.clock().instant();
        String stem = stem(source);
        String backupName = stem + "-" + STAMP.format(takenAt) + options.compression().suffix();

        ctx.progress(0, "taking a consistent snapshot of " + source.getFileName());
        Path snapshotFile = ctx.scratchDir().resolve("snapshot.db");
        Snapshot snapshot = takeSnapshot(source, snapshotFile, halt);

        ctx.progress(COMPRESS_START, "compressing (" + options.compression().id() + ")");
        Path staged = ctx.scratchDir().resolve(backupName);
        long snapshotBytes = Math.max(1, Files.size(snapshotFile));
        CompressedCopy.Written written = CompressedCopy.compress(snapshotFile, staged, options.compression(), bytes -> {
            halt.check();
            ctx.progress(COMPRESS_START + (VERIFY_START - COMPRESS_START) * bytes / snapshotBytes, "compressing");
        });

        String integrity = "skipped";
        if (options.verify()) {
            ctx.progress(VERIFY_START, "verifying the backup restores");
            integrity = new BackupVerifier(halt).verify(staged, options.compression(), snapshot.tables(),
                    ctx.scratchDir().resolve("restored.db"));
        }
        halt.check();
        // Built in scratch and moved only once complete (and verified), so the artifacts never
        // hold a partial backup that looks like a good one.
        Path backup = ctx.outputFile(backupName);
        Files.move(staged, backup, StandardCopyOption.REPLACE_EXISTING);

        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        BackupManifest manifest = new BackupManifest(
                new BackupManifest.Source(source.toString(), Files.size(source)),
                new BackupManifest.Backup(backupName, written.sizeBytes(), written.sha256(), options.compression().id()),
                takenAt.toString(), snapshot.tables(), integrity, durationMs, snapshot.sqliteVersion());
        Path manifestFile = ctx.outputFile(stem + "-backup-manifest.json");
        manifest.writeTo(manifestFile);
        ctx.progress(1, "backed up to " + backupName);

        return WorkerResult.builder()
                .output("backup", backup)
                .output("manifest", manifestFile)
                .metric("tables", snapshot.tables().size())
                .metric("rows", snapshot.tables().stream().mapToLong(TableRows::rows).sum())
                .metric("source_size_bytes", manifest.source().sizeBytes())
                .metric("backup_size_bytes", written.sizeBytes())
                .metric("compression", options.compression().id())
                .metric("sha256", written.sha256())
                .metric("integrity_check", integrity)
                .metric("duration_ms", durationMs)
                .build();
    }

    /**
     * Copies the source into {@code target} and counts the copy's rows. The counts come from the
     * copy, not the source, because the source may have changed since the snapshot was taken.
     */
    private static Snapshot takeSnapshot(Path source, Path target, HaltSignal halt) throws IOException {
        Files.deleteIfExists(target);
        String version;
        try (SqliteDatabase db = SqliteDatabase.openReadOnly(source, halt::requested)) {
            db.vacuumInto(target);
            version = db.sqliteVersion();
        } catch (SQLException e) {
            halt.check();
            int primaryCode = e.getErrorCode() & 0xff;
            boolean locked = primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED;
            throw new WorkerFailure("backup.failed", "could not snapshot " + source.getFileName() + ": "
                    + e.getMessage() + (locked ? " (another connection held a lock too long; try again)" : ""),
                    locked, e);
        }
        try (SqliteDatabase copy = SqliteDatabase.openReadOnly(target, halt::requested)) {
            return new Snapshot(copy.tableRowCounts(), version);
        } catch (SQLException e) {
            halt.check();
            throw new WorkerFailure("backup.failed", "could not read the snapshot of " + source.getFileName() + ": "
                    + e.getMessage(), false, e);
        }
    }

    /** The input as an existing SQLite file; fails with {@code input.invalid} otherwise. */
    private static Path databaseInput(WorkerContext ctx) {
        String value = ctx.inputs().require("database_file");
        Path file;
        try {
            file = Path.of(value);
        } catch (InvalidPathException e) {
            throw new WorkerFailure("input.invalid", "input database_file: '" + BackupOptions.quote(value)
                    + "' is not a valid path", false, e);
        }
        if (!Files.exists(file)) {
            throw WorkerFailure.nonRetryable("input.invalid", "input database_file: " + file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw WorkerFailure.nonRetryable("input.invalid", "input database_file: " + file + " is not a regular file");
        }
        Path checked = ctx.inputFile("database_file").toAbsolutePath().normalize();
        SqliteHeader.require(checked, "database_file");
        return checked;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The snapshot's tables and the SQLite version that took it. */
    private record Snapshot(List<TableRows> tables, String sqliteVersion) {
    }
}
