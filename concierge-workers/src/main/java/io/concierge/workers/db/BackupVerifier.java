package io.concierge.workers.db;

import io.concierge.api.failure.WorkerFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Proves a backup file can be restored: decompresses it as a restore would, opens it, runs
 * {@code PRAGMA integrity_check} and compares every table's row count with the snapshot's.
 */
final class BackupVerifier {

    /** How many differences a failure message lists before it stops. */
    private static final int MAX_LISTED_DIFFERENCES = 5;

    private final HaltSignal halt;

    BackupVerifier(HaltSignal halt) {
        this.halt = halt;
    }

    /**
     * Verifies {@code backup}.
     *
     * @param restored where the decompressed copy is written (in the scratch folder)
     * @param expected the snapshot's tables and row counts
     * @return the integrity check's verdict, {@code ok}
     * @throws WorkerFailure of type {@code verification.failed} saying what is wrong
     */
    String verify(Path backup, Compression compression, List<TableRows> expected, Path restored) {
        String name = backup.getFileName().toString();
        try {
            Files.deleteIfExists(restored);
            CompressedCopy.decompress(backup, restored, compression, bytes -> halt.check());
        } catch (IOException e) {
            halt.check();
            throw new WorkerFailure("verification.failed", "backup " + name + " cannot be decompressed: "
                    + e.getMessage(), false, e);
        }
        List<String> integrity;
        List<TableRows> actual;
        try (SqliteDatabase db = SqliteDatabase.openReadOnly(restored, halt::requested)) {
            integrity = db.integrityCheck();
            actual = db.tableRowCounts();
        } catch (SQLException e) {
            halt.check();
            throw new WorkerFailure("verification.failed", "backup " + name + " cannot be read as a database: "
                    + e.getMessage(), false, e);
        }
        if (!integrity.equals(List.of("ok"))) {
            throw WorkerFailure.nonRetryable("verification.failed", "backup " + name + " fails PRAGMA integrity_check: "
                    + String.join(" | ", integrity.subList(0, Math.min(MAX_LISTED_DIFFERENCES, integrity.size()))));
        }
        List<String> differences = differences(expected, actual);
        if (!differences.isEmpty()) {
            throw WorkerFailure.nonRetryable("verification.failed", "backup " + name
                    + " does not hold the snapshot's rows: " + String.join("; ", differences));
        }
        return "ok";
    }

    private static List<String> differences(List<TableRows> expected, List<TableRows> actual) {
        Map<String, Long> left = toMap(actual);
        List<String> differences = new ArrayList<>();
        for (TableRows table : expected) {
            Long rows = left.remove(table.name());
            if (rows == null) {
                differences.add("table " + table.name() + " is missing");
            } else if (rows != table.rows()) {
                differences.add("table " + table.name() + " has " + rows + " rows, the snapshot " + table.rows());
            }
        }
        left.keySet().forEach(extra -> differences.add("table " + extra + " is not in the snapshot"));
        return differences.subList(0, Math.min(MAX_LISTED_DIFFERENCES, differences.size()));
    }

    private static Map<String, Long> toMap(List<TableRows> tables) {
        Map<String, Long> map = new LinkedHashMap<>();
        tables.forEach(t -> map.put(t.name(), t.rows()));
        return map;
    }
}
