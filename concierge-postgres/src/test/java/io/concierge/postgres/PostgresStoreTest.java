package io.concierge.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.failure.ConciergeException;
import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.core.store.ClaimRequest;
import io.concierge.core.store.JobRecord;
import io.concierge.core.store.Lease;
import io.concierge.core.store.Store;
import io.concierge.core.store.StoreFactory;
import io.concierge.core.store.StoreSettings;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What the PostgreSQL store does beyond the contract: migrations, settings and their errors, triggers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStoreTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration MAX = Duration.ofMinutes(2);

    private TestDatabase database;
    private int count;

    @BeforeAll
    void createDatabase() {
        database = new TestDatabase();
    }

    @AfterAll
    void dropDatabase() {
        database.close();
    }

    private String schema() {
        return "store_test_" + ++count;
    }

    @Test
    void migrationsCreateTheSchemaOnAnEmptyDatabaseAndRunOnce() throws Exception {
        try (TestDatabase empty = new TestDatabase()) {
            StoreSettings settings = empty.settings("concierge");
            try (Store store = PostgresStore.open(settings)) {
                assertThat(store.jobs().ids()).isEmpty();
            }
            try (Store store = PostgresStore.open(settings)) {
                assertThat(store.queue().depth()).isEmpty();
            }
            try (Connection connection = empty.connect()) {
                assertThat(strings(connection, "SELECT table_name::text FROM information_schema.tables"
                        + " WHERE table_schema = 'concierge' ORDER BY 1"))
                        .containsExactly("agents", "concierge_schema_history", "documents", "jobs", "logs");
                assertThat(strings(connection, "SELECT version || ' ' || success FROM concierge.concierge_schema_history"
                        + " WHERE version IS NOT NULL")).containsExactly("1 true");
            }
        }
    }

    @Test
    void storesOpenedTogetherMigrateOnce() throws Exception {
        String schema = schema();
        List<Store> stores = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Store>> opening = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opening.add(pool.submit(() -> PostgresStore.open(database.settings(schema))));
            }
            for (Future<Store> store : opening) {
                stores.add(store.get(2, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
            stores.forEach(Store::close);
        }
        try (Connection connection = database.connect()) {
            assertThat(strings(connection, "SELECT version FROM " + schema + ".concierge_schema_history WHERE version IS NOT NULL"))
                    .containsExactly("1");
        }
    }

    @Test
    void flywayFindsNothingToDoOnACurrentSchema() throws Exception {
        String schema = schema();
        PostgresStore.open(database.settings(schema)).close();
        var flyway = org.flywaydb.core.Flyway.configure(PostgresStore.class.getClassLoader())
                .dataSource(database.url(), "postgres", "")
                .schemas(schema)
                .table(PostgresStore.HISTORY_TABLE)
                .locations(PostgresStore.MIGRATIONS)
                .placeholderReplacement(false)
                .load();

        assertThat(flyway.migrate().migrationsExecuted).isZero();
        assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
    }

    @Test
    void schemaVersionIsTheNewestMigration() throws IOException, URISyntaxException {
        Path folder = Path.of(PostgresStore.class.getResource("/io/concierge/postgres/migration").toURI());
        Pattern versioned = Pattern.compile("V(\\d+)__\\w+\\.sql");
        try (Stream<Path> files = Files.list(folder)) {
            int newest = files.map(f -> versioned.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1)))
                    .max().orElseThrow();
            assertThat(PostgresStore.SCHEMA_VERSION).isEqualTo(String.valueOf(newest));
        }
    }

    @Test
    void theFactoryIsFoundByServiceLoader() {
        List<String> kinds = ServiceLoader.load(StoreFactory.class).stream().map(p -> p.get().kind()).toList();
        assertThat(kinds).contains("postgres");
        try (Store store = new PostgresStoreFactory().open(database.settings(schema()))) {
            assertThat(store.kind()).isEqualTo("postgres");
        }
    }

    @Test
    void locationNamesTheServerWithoutTheQuery() {
        String schema = schema();
        try (Store store = PostgresStore.open(database.settings(schema, "url", database.url() + "?ApplicationName=x&ssl=false"))) {
            assertThat(store.location()).isEqualTo(database.url() + " (schema " + schema + ")");
        }
    }

    @Test
    void thePasswordComesFromTheFileNamedInPasswordFile(@TempDir Path workspace) throws IOException {
        Files.writeString(workspace.resolve("db-password"), "s3cret line one\nnot this\n");
        Map<String, String> options = new HashMap<>(database.settings(schema()).options());
        options.put("password_file", "db-password");
        // Trust auth takes any password: what is checked is that the file is read and accepted.
        try (Store store = PostgresStore.open(new StoreSettings("postgres", workspace, options, Map.of()))) {
            assertThat(store.jobs().ids()).isEmpty();
        }
        assertThat(PostgresSettings.from(new StoreSettings("postgres", workspace, options, Map.of())).password())
                .isEqualTo("s3cret line one");
    }

    @Test
    void anUnsetPasswordVariableIsNamed() {
        StoreSettings settings = database.settings(schema(), "password_env", "CONCIERGE_TEST_UNSET_PASSWORD");
        assertThatThrownBy(() -> PostgresStore.open(settings))
                .isInstanceOf(InvalidWorkspaceException.class)
                .hasMessage("the environment variable CONCIERGE_TEST_UNSET_PASSWORD (store.password_env) is not set: export"
                        + " CONCIERGE_TEST_UNSET_PASSWORD with the password of the database at " + database.url()
                        + " before starting");
    }

    @Test
    void settingsMistakesSayWhatToChange(@TempDir Path workspace) {
        assertThat(settingsError(workspace, Map.of("url", database.url(), "passwrd_env", "X")))
                .isEqualTo("unknown key passwrd_env in concierge.json's store section: the postgres store reads url, user,"
                        + " password_env, password_file, schema, pool_size");
        assertThat(settingsError(workspace, Map.of("url", database.url(), "password", "hunter2")))
                .startsWith("store.password is not read").doesNotContain("hunter2");
        assertThat(settingsError(workspace, Map.of("user", "postgres")))
                .startsWith("store.url is missing in concierge.json");
        assertThat(settingsError(workspace, Map.of("url", "jdbc:mysql://db/x")))
                .startsWith("store.url 'jdbc:mysql://db/x' is not a PostgreSQL JDBC URL");
        assertThat(settingsError(workspace, Map.of("url", database.url() + "?user=u&password=hunter2")))
                .startsWith("store.url " + database.url() + " carries credentials").doesNotContain("hunter2");
        assertThat(settingsError(workspace, Map.of("url", database.url(), "password_env", "A", "password_file", "b")))
                .startsWith("store.password_env and store.password_file are both set");
        assertThat(settingsError(workspace, Map.of("url", database.url(), "password_file", "missing.txt")))
                .startsWith("the password file " + workspace.resolve("missing.txt") + " (store.password_file) does not exist");
        assertThat(settingsError(workspace, Map.of("url", database.url(), "schema", "Bad-Name")))
                .startsWith("store.schema 'Bad-Name' is not a plain schema name");
        assertThat(settingsError(workspace, Map.of("url", database.url(), "pool_size", "lots")))
                .startsWith("store.pool_size 'lots' is not a number from 2 to 100");
    }

    @Test
    void anUnknownHostIsNamed() {
        StoreSettings settings = settings("jdbc:postgresql://nosuch-host.invalid:5432/concierge");
        assertThatThrownBy(() -> PostgresStore.open(settings))
                .isInstanceOf(InvalidWorkspaceException.class)
                .hasMessage("cannot reach PostgreSQL at jdbc:postgresql://nosuch-host.invalid:5432/concierge"
                        + " (unknown host nosuch-host.invalid): start the server, or correct store.url in concierge.json");
    }

    @Test
    void aClosedPortIsNamedAndThePasswordIsNot() {
        StoreSettings settings = new StoreSettings("postgres", Path.of("target"),
                Map.of("url", "jdbc:postgresql://127.0.0.1:1/concierge", "password_env", "DB_PASSWORD"),
                Map.of("DB_PASSWORD", "s3cret-value"));
        assertThatThrownBy(() -> PostgresStore.open(settings))
                .isInstanceOf(InvalidWorkspaceException.class)
                .hasMessage("cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/concierge (connection refused):"
                        + " start the server, or correct store.url in concierge.json")
                .satisfies(e -> assertThat(e.toString()).doesNotContain("s3cret-value"));
    }

    @Test
    void aMissingDatabaseIsNamed() {
        StoreSettings settings = settings(TestDatabase.SERVER + "concierge_no_such_db");
        assertThatThrownBy(() -> PostgresStore.open(settings))
                .isInstanceOf(InvalidWorkspaceException.class)
                .hasMessage("the database of store.url " + TestDatabase.SERVER + "concierge_no_such_db does not exist:"
                        + " create it (createdb, or CREATE DATABASE) or correct store.url in concierge.json");
    }

    @Test
    void anApprovalByAnyWriterWakesWaitingAgents() throws Exception {
        String schema = schema();
        try (Store agent = PostgresStore.open(database.settings(schema));
             Store dashboard = PostgresStore.open(database.settings(schema))) {
            dashboard.jobs().create(job(1, "PLANNED"));
            Future<Duration> waited = waitInBackground(agent);
            // Approve, plan again and approve again until the waiter wakes: it may not be listening
            // for the first approval yet. No signal() anywhere: the table's trigger notifies.
            while (!waited.isDone()) {
                dashboard.jobs().update(id(1), null, j -> next(j, "APPROVED"));
                Thread.sleep(50);
                dashboard.jobs().update(id(1), null, j -> next(j, "PLANNED"));
            }
            assertThat(waited.get()).isLessThan(MAX);
        }
    }

    @Test
    void aReleasedLeaseWakesWaitingAgents() throws Exception {
        String schema = schema();
        try (Store agent = PostgresStore.open(database.settings(schema));
             Store other = PostgresStore.open(database.settings(schema))) {
            other.jobs().create(job(1, "APPROVED"));
            Future<Duration> waited = waitInBackground(agent);
            while (!waited.isDone()) {
                Lease lease = other.queue().claim(new ClaimRequest("other", List.of(), MAX, Set.of())).orElseThrow();
                Thread.sleep(50);
                other.queue().release(lease);
            }
            assertThat(waited.get()).isLessThan(MAX);
        }
    }

    @Test
    void aLostListenConnectionIsOpenedAgain() throws Exception {
        String schema = schema();
        try (Store agent = PostgresStore.open(database.settings(schema));
             Store other = PostgresStore.open(database.settings(schema))) {
            Future<Duration> first = waitInBackground(agent);
            while (!first.isDone()) {
                other.queue().signal();
                Thread.sleep(50);
            }
            // What a server restart or a dropped connection does to the listener.
            try (Connection connection = database.connect();
                 PreparedStatement kill = connection.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                         + " WHERE datname = ? AND query = 'LISTEN \"" + schema + "_work\"'")) {
                kill.setString(1, database.name());
                try (ResultSet killed = kill.executeQuery()) {
                    assertThat(killed.next()).as("the listener's backend was found").isTrue();
                }
            }
            // The listener connects again (which wakes waiters: work may have come meanwhile) and
            // then hears signals as before.
            agent.queue().awaitWork(MAX);
            Future<Duration> again = waitInBackground(agent);
            while (!again.isDone()) {
                other.queue().signal();
                Thread.sleep(50);
            }
            assertThat(again.get()).isLessThan(MAX);
        }
    }

    @Test
    void aWaitEndsWhenTheEarliestLeaseRunsOut() throws Exception {
        try (Store store = PostgresStore.open(database.settings(schema()))) {
            store.jobs().create(job(1, "APPROVED"));
            Lease lease = store.queue().claim(new ClaimRequest("a", List.of(), Duration.ofMillis(300), Set.of())).orElseThrow();

            store.queue().awaitWork(MAX);

            assertThat(store.queue().current(lease.jobId())).as("woken once the lease had run out").isEmpty();
            assertThat(store.queue().claim(new ClaimRequest("b", List.of(), MAX, Set.of()))).isPresent();
        }
    }

    @Test
    void anAppendChainsToTheLastWellFormedLine() throws Exception {
        String schema = schema();
        try (Store store = PostgresStore.open(database.settings(schema))) {
            store.jobs().create(job(1, "RUNNING"));
            store.logs().append(id(1), "run-r_1.jsonl", null, last -> "{\"n\":1}");
            try (Connection connection = database.connect();
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema
                         + ".logs (job_id, log, seq, line) VALUES (?, 'run-r_1.jsonl', 2, '{\"n\":2, torn')")) {
                insert.setString(1, id(1));
                insert.executeUpdate();
            }
            List<String> seen = new ArrayList<>();
            store.logs().append(id(1), "run-r_1.jsonl", null, last -> {
                seen.add(last);
                return "{\"n\":3}";
            });
            assertThat(seen).containsExactly("{\"n\":1}");
            assertThat(store.logs().lines(id(1), "run-r_1.jsonl")).containsExactly("{\"n\":1}", "{\"n\":2, torn", "{\"n\":3}");
            assertThatThrownBy(() -> store.logs().append(id(1), "run-r_1.jsonl", null, last -> "{}\n{}"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aFenceOfAnotherJobIsRefused() {
        try (Store store = PostgresStore.open(database.settings(schema()))) {
            store.jobs().create(job(1, "APPROVED"));
            store.jobs().create(job(2, "APPROVED"));
            Lease first = store.queue().acquire(id(1), "a", MAX).orElseThrow();

            assertThatThrownBy(() -> store.jobs().update(id(2), first, j -> next(j, "RUNNING")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a write to job " + id(2) + " is fenced with the lease of job " + id(1)
                            + ": pass the lease of the job written");
            assertThatThrownBy(() -> store.logs().append(id(2), "run-r_1.jsonl", first, last -> "{}"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.jobs().find(id(2)).orElseThrow().version()).isEqualTo(1);
            assertThat(store.logs().names(id(2))).isEmpty();
        }
    }

    @Test
    void aCursorFromElsewhereIsRefused() {
        try (Store store = PostgresStore.open(database.settings(schema()))) {
            assertThatThrownBy(() -> store.jobs().list(new io.concierge.core.store.JobQuery(Set.of(), null, 5, "bm9wZQ")))
                    .isInstanceOf(ConciergeException.class)
                    .hasMessageStartingWith("'bm9wZQ' is not a cursor of this store's job listing")
                    .extracting(e -> ((ConciergeException) e).kind()).isEqualTo(ConciergeException.Kind.BAD_REQUEST);
        }
    }

    @Test
    void globsBecomeLikePatterns() {
        assertThat(PostgresQueue.likePattern("audio.*")).isEqualTo("audio.%");
        assertThat(PostgresQueue.likePattern("?ideo_x%\\")).isEqualTo("_ideo\\_x\\%\\\\");
    }

    private static Future<Duration> waitInBackground(Store store) {
        ExecutorService waiter = Executors.newSingleThreadExecutor();
        Future<Duration> waited = waiter.submit(() -> {
            long start = System.nanoTime();
            store.queue().awaitWork(MAX);
            return Duration.ofNanos(System.nanoTime() - start);
        });
        waiter.shutdown();
        return waited;
    }

    private static String settingsError(Path workspace, Map<String, String> options) {
        try {
            PostgresSettings.from(new StoreSettings("postgres", workspace, options, Map.of()));
        } catch (InvalidWorkspaceException e) {
            return e.getMessage();
        }
        throw new AssertionError("settings accepted: " + options);
    }

    private static StoreSettings settings(String url) {
        return new StoreSettings("postgres", Path.of("target"), Map.of("url", url, "user", "postgres"), Map.of());
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static String id(int n) {
        return String.format("j_%026d", n);
    }

    private static JobRecord job(int n, String status) {
        Instant created = T0.plusSeconds(n);
        return new JobRecord(id(n), 1, status, "test.echo@1.0.0", created, created, "id: " + id(n) + "\nstatus: " + status + "\n");
    }

    private static JobRecord next(JobRecord current, String status) {
        return new JobRecord(current.id(), current.version() + 1, status, current.packageRef(), current.createdAt(),
                current.updatedAt().plusSeconds(1), "id: " + current.id() + "\nstatus: " + status + "\n");
    }
}
