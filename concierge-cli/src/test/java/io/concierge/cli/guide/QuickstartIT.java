package io.concierge.cli.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code bit quickstart} through the launcher, in a fresh home. */
class QuickstartIT {
    @RegisterExtension
    final GuideShell shell = new GuideShell();

    @Test
    void quickstartNormalizesItsSampleEpisodeEndToEnd() throws Exception {

        GuideShell.Result result = shell.bit(shell.work(), "quickstart");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path workspace = shell.home().resolve("concierge-quickstart");
        assertThat(workspace.resolve("episode.wav")).isRegularFile();
        assertThat(Files.size(workspace.resolve("episode.wav"))).isEqualTo(44 + 10 * 48_000 * 4);
        List<String> out = result.outLines();
        assertThat(out).contains("Concierge quickstart", "workspace: " + workspace, "Try next:",
                "  bit ws open --path " + workspace);
        assertThat(out).anyMatch(line -> line.startsWith("1. Intent ")
                && line.endsWith("from \"Normalize podcast episode.wav to -14 LUFS\""));
        assertThat(out).anyMatch(line -> line.matches("2\\. Job j_\\S+ \\(DRAFT\\) matched to package "
                + "audio\\.normalize@\\S+ with confidence [01]\\.\\d\\d"));
        assertThat(out).anyMatch(line -> line.matches("4\\. Approval: .* approved by \\S+  plan p_\\S+  \"quickstart\""));
        assertThat(out).anyMatch(line -> line.matches("5\\. Run r_\\S+  COMPLETED in [0-9.]+ s"));
        assertThat(out).contains("6. The job is now COMPLETED");
        // The worker's own measurements are shown: the episode now sits at the -14 LUFS asked for.
        assertThat(out).anyMatch(line -> line.startsWith("     normalize: ") && line.contains("=-14.0"));

        GuideShell.Result jobs = shell.bit(shell.work(), "--workspace", workspace.toString(), "job", "list");
        assertThat(jobs.outLines()).singleElement().asString().contains("  COMPLETED  audio.normalize@");
        String jobId = jobs.outLines().get(0).split("\\s+")[0];
        GuideShell.Result artifacts = shell.bit(shell.work(), "--workspace", workspace.toString(),
                "artifacts", "--job-id", jobId);
        assertThat(artifacts.outLines()).isNotEmpty();
        for (String artifact : artifacts.outLines()) {
            assertThat(Path.of(artifact)).isRegularFile();
            assertThat(out).anyMatch(line -> line.startsWith("     " + artifact + "  ("));
        }
        assertThat(out).contains("  bit job show --job-id " + jobId);
        String wav = artifacts.outLines().stream().filter(path -> path.endsWith(".wav")).findFirst().orElseThrow();
        assertThat(out).contains("  bit intent synth --text \"Compress " + wav + " to MP3 format\"");
    }
}
