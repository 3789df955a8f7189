package io.concierge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input of every kind: each gives one line on standard error, its own exit code, and leaves
 * every workspace file as it was (only the rebuildable {@code .concierge/} may change).
 */
class BadInputTest {
    @TempDir
    Path home;

    private CliWorkspace ws;

    @BeforeEach
    void setUp() {
        ws = new CliWorkspace(home);
        ws.ok("init");
    }

    /** Runs {@code bit args...} and checks the error contract; returns the one error line. */
    private String fails(int exitCode, String... args) {
        Map<String, String> before = WorkspaceSnapshot.of(ws.root());

        InProcessBit.Result result = ws.bit().run(args);

        assertThat(result.errLines()).as(result.toString()).hasSize(1);
        String line = result.errLines().get(0);
        assertThat(line).startsWith("bit: ").doesNotContain("Exception");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
        assertThat(WorkspaceSnapshot.of(ws.root())).as("workspace files after: " + String.join(" ", args))
                .isEqualTo(before);
        return line;
    }

    @Test
    void unknownIdPrefix() {
        ws.draftJob("Normalize podcast episode.wav");

        fails(3, "job", "show", "--job-id", "j_ZZZZZZ");
        fails(3, "intent", "show", "--intent-id", "ffffffffffff0");
        fails(3, "status", "--job-id", "nope");
    }

    @Test
    void ambiguousIdPrefix() {
        ws.draftJob("Normalize podcast episode.wav");
        ws.draftJob("Normalize podcast episode.wav");

        fails(6, "job", "show", "--job-id", "j_");
        fails(6, "plan", "generate", "--job-id", "j_");
    }

    @Test
    void missingFileInput() {
        String jobId = ws.draftJob("Normalize podcast missing.wav");

        String line = fails(3, "plan", "generate", "--job-id", jobId);

        assertThat(line).contains("missing.wav");
    }

    @Test
    void missingRequiredInputAtPlanTime() {
        String jobId = ws.draftJob("Normalize podcast audio");

        String line = fails(2, "plan", "generate", "--job-id", jobId);

        assertThat(line).contains("audio_file");
    }

    @Test
    void malformedJobYaml() throws Exception {
        String jobId = ws.draftJob("Normalize podcast episode.wav");
        Files.writeString(ws.root().resolve("jobs").resolve(jobId).resolve("job.yaml"), "status: [unclosed\n  : :\n");

        fails(5, "job", "show", "--job-id", jobId);
        fails(5, "plan", "generate", "--job-id", jobId);
    }

    @Test
    void malformedPackageYaml() throws Exception {
        Path file = ws.inputs().resolve("package.yaml");
        Files.writeString(file, "id: Not A Valid Id\nversion: one\nsteps: 7\nbogus_key: true\n");

        String line = fails(1, "package", "validate", "--file", file.toString());

        assertThat(line).contains("is not valid");
    }

    @Test
    void missingPackageFile() {
        fails(3, "package", "validate", "--file", "no-such-package.yaml");
    }

    @Test
    void malformedConciergeJson() throws Exception {
        Files.writeString(ws.root().resolve("concierge.json"), "{\"no_such_setting\": 1,");

        fails(5, "job", "list");
        fails(5, "intent", "synth", "--text", "Normalize podcast episode.wav");
        fails(5, "config", "get");
    }

    @Test
    void unknownConfigurationKeyOrBadValue() {
        fails(3, "config", "get", "no.such.key");
        fails(2, "config", "set", "no.such.key", "1");
        fails(2, "config", "set", "planner.min_confidence", "very");
    }

    @Test
    void runningAnUnapprovedJob() throws Exception {
        ws.wav("episode.wav");
        String jobId = ws.draftJob("Normalize podcast episode.wav");
        ws.ok("plan", "generate", "--job-id", jobId);

        fails(4, "run", "--job-id", jobId);
    }

    @Test
    void approvingADraft() {
        String jobId = ws.draftJob("Normalize podcast episode.wav");

        fails(4, "approve", "--job-id", jobId);
    }

    @Test
    void settingAnUnknownInput() {
        String jobId = ws.draftJob("Normalize podcast episode.wav");

        fails(2, "job", "set", "--job-id", jobId, "no_such_input=1");
    }

    @Test
    void missingWorkspaceIsNotCreatedByReadingCommands() {
        Path missing = home.resolve("missing-ws");

        fails(3, "--workspace", missing.toString(), "job", "list");

        assertThat(missing).doesNotExist();
    }

    @Test
    void unknownCommandAndFlag() {
        ws.draftJob("Normalize podcast episode.wav");

        fails(2, "jobs", "list");
        fails(2, "job", "list", "--all");
        fails(2, "approve");
        fails(2, "job", "set", "--job-id", "j_", "=value");
    }
}
