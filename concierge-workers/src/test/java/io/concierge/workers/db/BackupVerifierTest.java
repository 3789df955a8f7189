package io.concierge.workers.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.failure.WorkerFailure;
import io.concierge.testkit.WorkerTestContext;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupVerifierTest {

    private static final List<TableRows> SHOP_COUNTS = List.of(new TableRows("customers", 3),
            new TableRows("odd \"name\"", 2), new TableRows("order_lines", 40), new TableRows("orders", 20),
            new TableRows("sqlite_sequence", 1));

    @TempDir
    Path dir;

    private BackupVerifier verifier;
    private Path db;

    @BeforeEach
    void setUp() throws Exception {
        verifier = new BackupVerifier(new HaltSignal(WorkerTestContext.builder(dir.resolve("job")).build()));
        db = TestDatabases.shop(dir.resolve("shop.db"), "DELETE", 20);
    }

    @Test
    void acceptsABackupHoldingTheSnapshotsRows() throws Exception {
        Path gz = gzip(db, dir.resolve("shop.db.gz"));

        assertThat(verifier.verify(gz, Compression.GZIP, SHOP_COUNTS, dir.resolve("restored.db"))).isEqualTo("ok");
        assertThat(verifier.verify(db, Compression.NONE, SHOP_COUNTS, dir.resolve("restored-2.db"))).isEqualTo("ok");
    }

    @Test
    void rejectsATruncatedArchive() throws Exception {
        Path gz = gzip(db, dir.resolve("shop.db.gz"));
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> verifier.verify(gz, Compression.GZIP, SHOP_COUNTS, dir.resolve("restored.db")))
                .isInstanceOfSatisfying(WorkerFailure.class, f -> assertThat(f.type()).isEqualTo("verification.failed"))
                .hasMessageContaining("shop.db.gz cannot be decompressed");
    }

    @Test
    void rejectsABackupWhoseRowCountsDiffer() {
        List<TableRows> snapshot = List.of(new TableRows("customers", 3), new TableRows("gone", 1),
                new TableRows("odd \"name\"", 2), new TableRows("order_lines", 40), new TableRows("orders", 21));

        assertThatThrownBy(() -> verifier.verify(db, Compression.NONE, snapshot, dir.resolve("restored.db")))
                .isInstanceOfSatisfying(WorkerFailure.class, f -> assertThat(f.type()).isEqualTo("verification.failed"))
                .hasMessageContainingAll("does not hold the snapshot's rows", "table gone is missing",
                        "table orders has 20 rows, the snapshot 21", "table sqlite_sequence is not in the snapshot")
                .hasMessageNotContaining("customers");
    }

    @Test
    void rejectsADamagedDatabase() throws Exception {
        // Overwrite the middle pages (table and index b-tree pages) with garbage.
        try (FileChannel file = FileChannel.open(db, StandardOpenOption.WRITE)) {
            byte[] garbage = new byte[4096 * 3];
            Arrays.fill(garbage, (byte) 0x5A);
            file.write(ByteBuffer.wrap(garbage), 4096 * 2);
        }

        assertThatThrownBy(() -> verifier.verify(db, Compression.NONE, SHOP_COUNTS, dir.resolve("restored.db")))
                .isInstanceOfSatisfying(WorkerFailure.class, f -> assertThat(f.type()).isEqualTo("verification.failed"))
                .hasMessageContaining("shop.db");
    }

    private static Path gzip(Path source, Path target) throws Exception {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            Files.copy(source, out);
        }
        return target;
    }
}
