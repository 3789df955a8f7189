package io.concierge.cli.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.concierge.cli.CliWorkspace;
import io.concierge.cli.InProcessBit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's flow with {@code bit} on a workspace whose records live in PostgreSQL (the server
 * on 127.0.0.1:5432 that the project's machines and CI run; the test makes its own database).
 */
class PostgresStoreCliTest {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    @TempDir
    Path home;
    private String database;
    private CliWorkspace ws;

    @BeforeEach
    void setUp() {
        database = "concierge_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + database);
        ws = new CliWorkspace(home);
        ws.allowSelfApproval();
    }

    @AfterEach
    void dropDatabase() {
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth) is needed by this test: "
                    + e.getMessage() + "; bash .ci/services starts it", e);
        }
    }

    private void usePostgres(String passwordEnv) {
        ws.ok("config", "set", "store.url", SERVER + database);
        ws.ok("config", "set", "store.user", "postgres");
        if (passwordEnv != null) {
            ws.ok("config", "set", "store.password_env", passwordEnv);
        }
        ws.ok("config", "set", "store.kind", "postgres");
    }

    @Test
    void theGuidesFlowRunsOnPostgresAndTheFolderHoldsNoRecords() throws Exception {
        usePostgres(null);
        String jobId = ws.ok("submit", "echo hello postgres", "--approve", "--run", "--wait").out().strip();
        JsonNode status = ws.json("status", jobId);
        assertThat(status.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(ws.ok("job", "list", "-q").outLines()).containsExactly(jobId);
        ws.ok("job", "validate", jobId);
        assertThat(ws.ok("audit", "--check").exitCode()).isZero();
        assertThat(ws.root().resolve("jobs").resolve(jobId).resolve("job.yaml")).doesNotExist();
        assertThat(ws.root().resolve("jobs").resolve(jobId).resolve("artifacts").resolve("message.txt")).exists();
        assertThat(ws.ok("config", "get", "store.kind").out()).contains("postgres");
    }

    @Test
    void aPasswordComesFromAVariableOrAFileAndAMissingOneIsOneClearError() throws Exception {
        usePostgres("CONCIERGE_TEST_DB_PASSWORD");
        InProcessBit.Result result = ws.bit().run("job", "list");
        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).contains("CONCIERGE_TEST_DB_PASSWORD (store.password_env) is not set").doesNotContain("Exception");
        // a password file instead (trust auth on loopback accepts any password)
        Path secret = Files.writeString(home.resolve("db-password"), "anything\n");
        ws.ok("config", "set", "store.password_env", "");
        ws.ok("config", "set", "store.password_file", secret.toString());
        ws.ok("job", "list");
        assertThat(ws.ok("config", "get", "store.password_file").out()).contains(secret.toString()).doesNotContain("anything");
        Files.delete(secret);
        InProcessBit.Result missingFile = ws.bit().run("job", "list");
        assertThat(missingFile.exitCode()).as(missingFile.toString()).isEqualTo(5);
        assertThat(missingFile.err()).contains(secret.toString());
    }

    @Test
    void anUnknownStoreKindSaysWhatIsInstalled() throws Exception {
        ws.ok("config", "set", "store.kind", "cassandra");
        InProcessBit.Result result = ws.bit().run("job", "list");
        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).contains("cassandra").contains("postgres").contains("bit config set store.kind file");
        assertThat(Files.readString(ws.root().resolve("concierge.json"))).contains("cassandra");
    }
}
