package io.concierge.workers.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.worker.WorkerContext.HaltedException;
import io.concierge.api.worker.WorkerResult;
import io.concierge.testkit.WorkerTestContext;
import io.concierge.workers.files.CompressWorker;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqliteBackupWorkerTest {

    /** The backup name's time stamp: WorkerTestContext's clock stands at MutableClock.DEFAULT_START. */
    private static final String STAMP = "20260101T000000Z";

    @TempDir
    Path dir;

    private final SqliteBackupWorker worker = new SqliteBackupWorker();

    @Test
    void describesItself() {
        assertThat(worker.descriptor().id()).isEqualTo("db.backup");
        assertThat(worker.descriptor().version()).isEqualTo("1.1.0");
        assertThat(worker.descriptor().inputs()).containsExactly("database_file");
        assertThat(worker.descriptor().params()).containsExactly("compression", "verify");
        assertThat(worker.descriptor().outputs()).containsExactly("backup", "manifest");
    }

    @Test
    void writesAGzippedBackupThatRestoresToTheSameRows() throws Exception {
        Path db = TestDatabases.shop(dir.resolve("shop.db"), "DELETE", 50);
        byte[] sourceBefore = Files.readAllBytes(db);
        WorkerTestContext ctx = context(db).build();

        worker.validate(ctx);
        WorkerResult result = worker.execute(ctx);

        Path backup = result.outputs().get("backup");
        assertThat(backup).isEqualTo(ctx.artifactsDir().resolve("shop-" + STAMP + ".db.gz")).isRegularFile();
        Path restored = TestDatabases.gunzip(backup, dir.resolve("restored.db"));
        assertThat(TestDatabases.integrity(restored)).isEqualTo("ok");
        for (String table : new String[] {"customers", "orders", "order_lines", "\"odd \"\"name\"\"\"", "sqlite_sequence"}) {
            assertThat(TestDatabases.count(restored, table)).as(table).isEqualTo(TestDatabases.count(db, table));
        }
        assertThat(TestDatabases.count(restored, "order_lines")).isEqualTo(100);
        assertThat(TestDatabases.count(restored, "big_orders")).isEqualTo(40);
        assertThat(Files.readAllBytes(db)).as("the source is never written").isEqualTo(sourceBefore);
        assertThat(result.metrics()).containsEntry("integrity_check", "ok").containsEntry("compression", "gzip")
                .containsEntry("tables", 5).containsEntry("rows", 3L + 50 + 100 + 2 + 1)
                .containsEntry("backup_size_bytes", Files.size(backup)).containsEntry("sha256", sha256(backup));
        assertThat(ctx.progressReports()).last().satisfies(p -> assertThat(p.fraction()).isEqualTo(1.0));
    }

    @Test
    void writesAManifestDescribingTheBackup() throws Exception {
        Path db = TestDatabases.shop(dir.resolve("shop.sqlite3"), "WAL", 7);
        WorkerTestContext ctx = context(db).build();

        WorkerResult result = worker.execute(ctx);

        Path manifestFile = result.outputs().get("manifest");
        assertThat(manifestFile).isEqualTo(ctx.artifactsDir().resolve("shop-backup-manifest.json"));
        JsonNode manifest = new ObjectMapper().readTree(manifestFile.toFile());
        Path backup = result.outputs().get("backup");
        assertThat(manifest.path("source").path("path").asText()).isEqualTo(db.toAbsolutePath().toString());
        assertThat(manifest.path("source").path("size_bytes").asLong()).isEqualTo(Files.size(db));
        assertThat(manifest.path("backup").path("file").asText()).isEqualTo("shop-" + STAMP + ".db.gz");
        assertThat(manifest.path("backup").path("size_bytes").asLong()).isEqualTo(Files.size(backup));
        assertThat(manifest.path("backup").path("sha256").asText()).isEqualTo(sha256(backup));
        assertThat(manifest.path("backup").path("compression").asText()).isEqualTo("gzip");
        assertThat(manifest.path("created_at").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(manifest.path("integrity_check").asText()).isEqualTo("ok");
        assertThat(manifest.path("sqlite_version").asText()).matches("3\\.\\d+\\.\\d+");
        assertThat(manifest.path("duration_ms").isIntegralNumber()).isTrue();
        assertThat(manifest.path("tables").toString()).isEqualTo("[{\"name\":\"customers\",\"rows\":3},"
                + "{\"name\":\"odd \\\"name\\\"\",\"rows\":2},{\"name\":\"order_lines\",\"rows\":14},"
                + "{\"name\":\"orders\",\"rows\":7},{\"name\":\"sqlite_sequence\",\"rows\":1}]");
    }

    @Test
    void withoutCompressionTheBackupIsThePlainDatabase() throws Exception {
        Path db = TestDatabases.shop(dir.resolve("shop.db"), "DELETE", 10);
        WorkerTestContext ctx = context(db).param("compression", "none").build();

        WorkerResult result = worker.execute(ctx);

        Path backup = result.outputs().get("backup");
        assertThat(backup.getFileName()).hasToString("shop-" + STAMP + ".db");
        assertThat(new String(Files.readAllBytes(backup), 0, 15, StandardCharsets.US_ASCII)).isEqualTo("SQLite format 3");
        assertThat(TestDatabases.count(backup, "orders")).isEqualTo(10);
        assertThat(result.metrics()).containsEntry("compression", "none").containsEntry("integrity_check", "ok");
    }

    @Test
    void verifyFalseSkipsTheRestoreCheck() throws Exception {
        Path db = TestDatabases.shop(dir.resolve("shop.db"), "DELETE", 3);
        WorkerTestContext ctx = context(db).param("verify", "false").build();

        WorkerResult result = worker.execute(ctx);

        JsonNode manifest = new ObjectMapper().readTree(result.outputs().get("manifest").toFile());
        assertThat(manifest.path("integrity_check").asText()).isEqualTo("skipped");
        assertThat(result.metrics()).containsEntry("integrity_check", "skipped");
    }

    @Test
    void includesRowsCommittedToTheWalButNotYetCheckpointed() throws Exception {
        Path db = TestDatabases.shop(dir.resolve("live.db"), "WAL", 5);
        try (Connection app = TestDatabases.open(db); Statement s = app.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint=0");
            s.execute("INSERT INTO customers (name) VALUES ('new-1'), ('new-2')");
            assertThat(Files.size(dir.resolve("live.db-wal"))).isPositive();

            WorkerResult result = worker.execute(context(db).build());

            Path restored = TestDatabases.gunzip(result.outputs().get("backup"), dir.resolve("restored.db"));
            assertThat(TestDatabases.count(restored, "customers")).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"WAL", "DELETE"})
    void aBackupTakenWhileAnotherConnectionWritesIsOneConsistentState(String journalMode) throws Exception {
        int initialOrders = 20_000;
        Path db = TestDatabases.shop(dir.resolve("busy.db"), journalMode, initialOrders);
        Set<Long> committedOrderCounts = ConcurrentHashMap.newKeySet();
        committedOrderCounts.add((long) initialOrders);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Exception> writerError = new AtomicReference<>();
        CountDownLatch writing = new CountDownLatch(3);
        Thread writer = new Thread(() -> {
            try (Connection c = TestDatabases.open(db)) {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA busy_timeout=60000");
                }
                c.setAutoCommit(false);
                for (long orders = initialOrders + 1; !stop.get(); orders++) {
                    // An order and its two lines in one transaction: a consistent snapshot has
                    // exactly twice as many lines as orders.
                    TestDatabases.insertOrder(c, 2);
                    c.commit();
                    committedOrderCounts.add(orders);
                    writing.countDown();
                    // A breath between commits, as real applications take: without it, in
                    // rollback-journal mode the reader mostly waits out the writer's locks.
                    Thread.sleep(1);
                }
            } catch (Exception e) {
                writerError.set(e);
                while (writing.getCount() > 0) {
                    writing.countDown();
                }
            }
        });
        writer.start();
        writing.await();

        WorkerResult result;
        try {
            result = worker.execute(context(db).build());
        } finally {
            stop.set(true);
            writer.join();
        }

        assertThat(writerError.get()).isNull();
        Path restored = TestDatabases.gunzip(result.outputs().get("backup"), dir.resolve("restored.db"));
        long orders = TestDatabases.count(restored, "orders");
        assertThat(committedOrderCounts).contains(orders);
        assertThat(orders).isGreaterThan(initialOrders);
        assertThat(TestDatabases.count(restored, "order_lines")).isEqualTo(2 * orders);
        assertThat(TestDatabases.integrity(restored)).isEqualTo("ok");
        assertThat(result.metrics()).containsEntry("integrity_check", "ok");
    }

    @Test
    void haltingAtAnyPointLeavesNoBackupBehind() throws Exception {
        Path db = TestDatabases.shop(dir.resolve("shop.db"), "DELETE", 3_000);
        AtomicInteger checks = new AtomicInteger();
        worker.execute(WorkerTestContext.builder(dir.resolve("counting")).input("database_file", db.toString())
                .haltWhen(() -> checks.incrementAndGet() < 0).build());
        int checksInAFullRun = checks.get();
        assertThat(checksInAFullRun).as("halt checks in a full run").isGreaterThan(10);

        for (int haltAt : new int[] {1, 2, checksInAFullRun / 4, checksInAFullRun / 2, checksInAFullRun * 3 / 4}) {
            AtomicInteger calls = new AtomicInteger();
            WorkerTestContext ctx = WorkerTestContext.builder(dir.resolve("halt-" + haltAt))
                    .input("database_file", db.toString())
                    .haltWhen(() -> calls.incrementAndGet() >= haltAt).build();

            assertThatThrownBy(() -> worker.execute(ctx)).as("halt at check %d", haltAt)
                    .isInstanceOf(HaltedException.class);
            assertThat(ctx.artifactsDir()).as("halt at check %d", haltAt).isEmptyDirectory();
        }
    }

    @Test
    void anInterruptedThreadStopsTheBackup() throws Exception {
        Path db = TestDatabases.shop(dir.resolve("shop.db"), "DELETE", 3);
        WorkerTestContext ctx = context(db).build();

        Thread.currentThread().interrupt();
        try {
            // An interrupted thread counts as halted, as in the runner's context.
            assertThatThrownBy(() -> worker.execute(ctx)).isInstanceOf(HaltedException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(ctx.artifactsDir()).isEmptyDirectory();
    }

    @Test
    void rejectsAFileThatIsNotSqlite() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.db"), "id,name\n1,ada\n");
        Path empty = Files.createFile(dir.resolve("empty.sqlite"));

        assertFailure(() -> worker.validate(context(notes).build()), "input.invalid", "notes.db", "is not an SQLite 3 database");
        assertFailure(() -> worker.execute(context(notes).build()), "input.invalid", "notes.db", "is not an SQLite 3 database");
        assertFailure(() -> worker.validate(context(empty).build()), "input.invalid", "empty.sqlite", "is not an SQLite 3 database");
    }

    @Test
    void rejectsAMissingFile() {
        Path missing = dir.resolve("gone.db");

        assertFailure(() -> worker.validate(context(missing).build()), "input.invalid", "database_file", "gone.db",
                "does not exist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "gzip; rm -rf /", "/etc/passwd", "bzip2", "gzip\nnone"})
    void rejectsCompressionsItDoesNotKnowListingTheSupportedOnes(String compression) throws Exception {
        Path db = TestDatabases.shop(dir.resolve("shop.db"), "DELETE", 1);
        WorkerTestContext ctx = context(db).param("compression", compression).build();

        WorkerFailure failure = assertFailure(() -> worker.validate(ctx), "input.invalid", "param compression",
                "gzip, zstd, none");
        assertThat(failure.getMessage()).doesNotContain("\n");
        assertThat(ctx.artifactsDir()).isEmptyDirectory();
    }

    @Test
    void writesAZstdBackupThatRestoresToTheSameRows() throws Exception {
        assertTrue(CompressWorker.zstdAvailable(), "zstd-jni has no native library for this platform: install ffmpeg (apt-get install -y ffmpeg); this test fails rather than skip");
        Path db = TestDatabases.shop(dir.resolve("shop.db"), "DELETE", 40);
        WorkerTestContext ctx = context(db).param("compression", "ZSTD").build();

        worker.validate(ctx);
        WorkerResult result = worker.execute(ctx);

        Path backup = result.outputs().get("backup");
        assertThat(backup.getFileName()).hasToString("shop-" + STAMP + ".db.zst");
        byte[] bytes = Files.readAllBytes(backup);
        // The zstd frame's magic number, little-endian: any zstd tool reads the file.
        assertThat(Arrays.copyOf(bytes, 4)).containsExactly(0x28, 0xB5, 0x2F, 0xFD);
        Path restored = dir.resolve("restored.db");
        try (InputStream in = new ZstdInputStream(Files.newInputStream(backup))) {
            Files.copy(in, restored);
        }
        assertThat(TestDatabases.integrity(restored)).isEqualTo("ok");
        assertThat(TestDatabases.count(restored, "orders")).isEqualTo(40);
        assertThat(Files.size(backup)).isLessThan(Files.size(db) / 2);
        assertThat(result.metrics()).containsEntry("compression", "zstd").containsEntry("integrity_check", "ok");
        JsonNode manifest = new ObjectMapper().readTree(result.outputs().get("manifest").toFile());
        assertThat(manifest.path("backup").path("compression").asText()).isEqualTo("zstd");
    }

    @Test
    void rejectsAVerifyValueThatIsNotABoolean() throws Exception {
        Path db = TestDatabases.shop(dir.resolve("shop.db"), "DELETE", 1);

        assertFailure(() -> worker.validate(context(db).param("verify", "maybe").build()), "input.invalid", "verify", "maybe");
    }

    private WorkerTestContext.Builder context(Path db) {
        return WorkerTestContext.builder(dir.resolve("job")).input("database_file", db.toString());
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static WorkerFailure assertFailure(ThrowingCall call, String type, String... messageParts) {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try {
            call.run();
        } catch (Throwable t) {
            thrown.set(t);
        }
        assertThat(thrown.get()).isInstanceOf(WorkerFailure.class).hasMessageContainingAll(messageParts);
        WorkerFailure failure = (WorkerFailure) thrown.get();
        assertThat(failure.type()).isEqualTo(type);
        return failure;
    }

    /** A call expected to fail. */
    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }
}
