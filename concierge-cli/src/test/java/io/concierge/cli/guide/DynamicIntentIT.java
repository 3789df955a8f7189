package io.concierge.cli.guide;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The guide's "Pattern 4: Dynamic Intent Based on Input": {@code file} decides what the file is,
 * and the sentence built from that becomes a job for the right package.
 */
class DynamicIntentIT {
    @RegisterExtension
    final GuideShell shell = new GuideShell();

    @Test
    void audioAndDatabaseFilesGetTheirOwnPackages() throws Exception {
        GuideShell.writeEpisode(shell.work().resolve("interview.wav"), 1, 4);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + shell.work().resolve("shop.db"));
             Statement sql = db.createStatement()) {
            sql.execute("create table orders (id integer primary key, item text)");
            sql.execute("insert into orders (item) values ('tea'), ('cups')");
        }

        GuideShell.Result audio = shell.script("pattern4-dynamic-intent.sh", shell.work(), "interview.wav");
        GuideShell.Result database = shell.script("pattern4-dynamic-intent.sh", shell.work(), "shop.db");
        Files.writeString(shell.work().resolve("notes.txt"), "plain text\n");
        GuideShell.Result unknown = shell.script("pattern4-dynamic-intent.sh", shell.work(), "notes.txt");

        assertThat(audio.exitCode()).as(audio.toString()).isZero();
        assertThat(database.exitCode()).as(database.toString()).isZero();
        assertThat(audio.err() + database.err()).isEmpty();
        List<String> jobs = shell.jobLines();
        assertThat(jobs).hasSize(2);
        assertThat(jobs.get(0)).contains("  DRAFT  audio.normalize@").contains("Normalize interview.wav to standard loudness.");
        assertThat(jobs.get(1)).contains("  DRAFT  db.backup@").contains("Backup database shop.db with");

        JsonNode normalize = job(shell, jobs.get(0));
        assertThat(normalize.get("inputs").get("audio_file").asText()).isEqualTo(shell.work().resolve("interview.wav").toString());
        JsonNode backup = job(shell, jobs.get(1));
        assertThat(backup.get("inputs").get("database_file").asText()).isEqualTo(shell.work().resolve("shop.db").toString());

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.outLines()).containsExactly("Unknown file type: ASCII");
        assertThat(shell.jobLines()).hasSize(2);
    }

    @Test
    void theDatabaseJobRunsThroughBitToAVerifiedBackup() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + shell.work().resolve("app.db"));
             Statement sql = db.createStatement()) {
            sql.execute("create table users (id integer primary key, name text)");
            sql.execute("insert into users (name) values ('ada'), ('grace')");
        }
        assertThat(shell.bit(shell.work(), "intent", "synth", "--text",
                "Backup database app.db with compression and integrity verification").exitCode()).isZero();
        String intent = shell.bit(shell.work(), "intent", "list").outLines().get(0).split("\\s+")[0];
        assertThat(shell.bit(shell.work(), "job", "from-intent", "--intent-id", intent).exitCode()).isZero();
        String jobId = shell.jobLines().get(0).split("\\s+")[0];
        for (String[] step : List.of(new String[] {"plan", "generate"}, new String[] {"approve"}, new String[] {"run"})) {
            List<String> args = new java.util.ArrayList<>(List.of(step));
            args.addAll(List.of("--job-id", jobId));
            GuideShell.Result result = shell.bit(shell.work(), args.toArray(String[]::new));
            assertThat(result.exitCode()).as(result.toString()).isZero();
        }
        GuideShell.Result artifacts = shell.bit(shell.work(), "artifacts", "--job-id", jobId);
        assertThat(artifacts.outLines()).anyMatch(l -> l.endsWith(".db.gz")).anyMatch(l -> l.endsWith("-backup-manifest.json"));
        assertThat(shell.bit(shell.work(), "job", "validate", "--job-id", jobId).exitCode()).isZero();
    }

    private static JsonNode job(GuideShell shell, String line) throws Exception {
        GuideShell.Result show = shell.bit(shell.work(), "job", "show", "--job-id", line.split("\\s+")[0], "--json");
        assertThat(show.exitCode()).as(show.toString()).isZero();
        return new ObjectMapper().readTree(show.out());
    }
}
