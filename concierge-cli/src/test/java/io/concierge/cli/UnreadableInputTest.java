package io.concierge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An input file that cannot be read when the job runs gets one line on standard error and the
 * exit code of a failed job, never 70 ("internal error") with a raw I/O exception.
 *
 * <p>The tests run as root, where {@code chmod 000} does not stop reads, so the file is made
 * unreadable in ways that stop root too: it is a link to {@code /proc/self/mem}, a regular file
 * whose first byte no one can read (the read fails with an I/O error, as a {@code chmod 000} file
 * does for anyone else); it is removed between plan and run; or it is replaced by a folder.
 *
 * <p>{@code bit run} prints its progress on standard error ({@code run .. started}, {@code step ..
 * started}); the failure itself is one more line there, and the last line on standard output.
 */
class UnreadableInputTest {
    @TempDir
    Path home;

    private CliWorkspace ws;

    @BeforeEach
    void setUp() {
        ws = new CliWorkspace(home);
        ws.ok("init");
    }

    @Test
    void anInputFileThatCannotBeReadEvenByRoot() throws Exception {
        Path mem = Path.of("/proc/self/mem");
        assertTrue(Files.isRegularFile(mem), "this case needs Linux /proc/self/mem (the project's machines are Linux)");
        Path wav = ws.inputs().resolve("episode.wav");
        Files.createSymbolicLink(wav, mem);
        String jobId = ws.approvedJob("Normalize podcast episode.wav to -14 LUFS");

        InProcessBit.Result result = ws.bit().run("run", "--job-id", jobId);
        Files.delete(wav); // the link, before the temp folder's clean-up meets it

        assertFailedInOneLine(result);
        assertThat(failureLine(result)).contains("episode.wav").contains("cannot be read");
    }

    @Test
    void anInputFileRemovedBetweenPlanAndRun() throws Exception {
        Path wav = ws.wav("episode.wav");
        String jobId = ws.approvedJob("Normalize podcast episode.wav to -14 LUFS");
        Files.delete(wav);

        InProcessBit.Result result = ws.bit().run("run", "--job-id", jobId);

        assertFailedInOneLine(result);
        assertThat(failureLine(result)).contains("episode.wav");
    }

    @Test
    void anInputFileReplacedByAFolderBetweenPlanAndRun() throws Exception {
        Path wav = ws.wav("episode.wav");
        String jobId = ws.approvedJob("Normalize podcast episode.wav to -14 LUFS");
        Files.delete(wav);
        Files.createDirectory(wav);

        InProcessBit.Result result = ws.bit().run("run", "--job-id", jobId);

        assertFailedInOneLine(result);
        assertThat(failureLine(result)).contains("episode.wav");
    }

    /** Exit 1, and besides the progress lines exactly one line on standard error: the failure. */
    private static void assertFailedInOneLine(InProcessBit.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.errLines()).as(result.toString()).filteredOn(line -> !isProgress(line))
                .singleElement().asString().matches("  step normalize failed in [0-9.]+ s: .+").doesNotContain("Exception");
        assertThat(result.outLines()).as(result.toString()).last().asString()
                .matches("run r_\\S+  FAILED in [0-9.]+ s: step normalize failed: .+").doesNotContain("Exception");
    }

    private static boolean isProgress(String line) {
        return line.matches("run r_\\S+ started") || line.matches("  step \\S+ started");
    }

    private static String failureLine(InProcessBit.Result result) {
        return result.errLines().stream().filter(line -> !isProgress(line)).findFirst().orElseThrow();
    }
}
