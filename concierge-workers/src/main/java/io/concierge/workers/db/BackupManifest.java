package io.concierge.workers.db;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The JSON record written next to a backup: what was copied, what came out, and how it was
 * checked, so a restore years later can tell whether the file is the one it expects.
 *
 * @param source         the database that was backed up
 * @param backup         the backup file
 * @param createdAt      when the backup was taken (ISO-8601, UTC)
 * @param tables         every table of the snapshot with its row count
 * @param integrityCheck {@code ok} when verified, {@code skipped} when {@code verify} was false
 * @param durationMs     how long the step took
 * @param sqliteVersion  the SQLite library that made the snapshot
 */
record BackupManifest(Source source, Backup backup, String createdAt, List<TableRows> tables,
                      String integrityCheck, long durationMs, String sqliteVersion) {

    /** Copies the list so the record stays immutable. */
    BackupManifest {
        tables = List.copyOf(tables);
    }

    /**
     * The database that was backed up.
     *
     * @param path      its absolute path
     * @param sizeBytes its main file's size (without any {@code -wal} file)
     */
    record Source(String path, long sizeBytes) {
    }

    /**
     * The backup file.
     *
     * @param file        its name in the artifacts folder
     * @param sizeBytes   its size
     * @param sha256      the SHA-256 of its bytes, lower-case hex
     * @param compression {@code gzip}, {@code zstd} or {@code none}
     */
    record Backup(String file, long sizeBytes, String sha256, String compression) {
    }

    /** Writes the manifest as indented JSON with snake_case keys. */
    void writeTo(Path file) throws IOException {
        new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(file.toFile(), this);
    }
}
