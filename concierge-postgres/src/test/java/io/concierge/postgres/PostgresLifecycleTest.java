package io.concierge.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.Concierge;
import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import io.concierge.api.trust.KeyRing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole jobs through the public API on a workspace whose {@code store.kind} is {@code postgres}:
 * the records live in the database, the folder keeps configuration and artifacts, and the
 * integrity checks hold against edits made in the database.
 */
class PostgresLifecycleTest {
    private static TestDatabase database;

    @TempDir
    Path tmp;

    @BeforeAll
    static void createDatabase() {
        database = new TestDatabase();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    private Path workspace(String schema) throws Exception {
        Path root = tmp.resolve("ws-" + schema);
        Files.createDirectories(root);
        Files.writeString(root.resolve("concierge.json"), """
                {"version": 1,
                 "store": {"kind": "postgres", "url": "%s", "user": "postgres", "schema": "%s", "pool_size": 2}}
                """.formatted(database.url(), schema));
        Concierge.builder(root).keyRing(KeyRing.folder(tmp.resolve("keys"))).open().close();
        return root;
    }

    private Concierge open(Path root) {
        return Concierge.builder(root).keyRing(KeyRing.folder(tmp.resolve("keys"))).defaultApprover("alice").open();
    }

    @Test
    void aJobRunsWithItsRecordsInTheDatabaseAndOnlyArtifactsInTheFolder() throws Exception {
        Path root = workspace("lifecycle");
        String jobId;
        try (Concierge concierge = open(root)) {
            Job job = concierge.createJob(concierge.synthesize("echo hello from postgres").id());
            concierge.generatePlan(job.id());
            concierge.approve(job.id(), "alice", "ok");
            Run run = concierge.run(job.id(), RunOptions.defaults());
            assertThat(run.status()).isEqualTo(JobStatus.COMPLETED);
            jobId = job.id();
        }
        try (Concierge other = open(root)) { // another process, same store
            assertThat(other.job(jobId).status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(other.validate(jobId).findings()).isEmpty();
            assertThat(other.jobs()).extracting(Job::id).contains(jobId);
            assertThat(other.events(jobId, true)).extracting(e -> e.type())
                    .contains("approval.granted", "job.started", "step.completed", "job.completed");
        }
        Path jobDir = root.resolve("jobs").resolve(jobId);
        assertThat(jobDir.resolve("artifacts").resolve("message.txt")).exists();
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.map(p -> root.relativize(p).toString()))
                    .noneMatch(p -> p.endsWith("job.yaml") || p.endsWith(".jsonl") || p.contains("plans/")
                            || p.endsWith(".seal") || p.startsWith("intents/") && p.endsWith(".json"));
        }
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT status FROM lifecycle.jobs WHERE id = '" + jobId + "'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("COMPLETED");
        }
    }

    @Test
    void editsMadeInTheDatabaseAreFoundLikeEditsOfFiles() throws Exception {
        Path root = workspace("tamper");
        String jobId;
        try (Concierge concierge = open(root)) {
            Job job = concierge.createJob(concierge.synthesize("echo a message to keep").id());
            concierge.generatePlan(job.id());
            jobId = job.id();
        }
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            // Someone with database access marks the unapproved job APPROVED, in the record and its column.
            s.executeUpdate("UPDATE tamper.jobs SET status = 'APPROVED', content = replace(content, 'status: PLANNED',"
                    + " 'status: APPROVED') WHERE id = '" + jobId + "'");
        }
        try (Concierge concierge = open(root)) {
            assertThat(concierge.validate(jobId).findings()).isNotEmpty();
            assertThatThrownBy(() -> concierge.run(jobId, RunOptions.defaults()))
                    .hasMessageContaining(jobId);
        }
    }

    @Test
    void anUnreachableStoreIsOneClearError() throws Exception {
        Path root = tmp.resolve("unreachable");
        Files.createDirectories(root);
        Files.writeString(root.resolve("concierge.json"), """
                {"version": 1, "store": {"kind": "postgres", "url": "jdbc:postgresql://127.0.0.1:1/nowhere", "user": "postgres"}}
                """);
        try (Concierge concierge = open(root)) { // opens: the configuration can still be read and fixed
            assertThat(concierge.config()).isNotEmpty();
            assertThatThrownBy(concierge::jobs).isInstanceOf(InvalidWorkspaceException.class)
                    .hasMessageContaining("127.0.0.1:1");
        }
    }
}
