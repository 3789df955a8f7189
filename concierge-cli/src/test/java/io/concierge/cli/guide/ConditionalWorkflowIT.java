package io.concierge.cli.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The guide's "Pattern 1: Conditional Workflows", verbatim, against the real launcher. */
class ConditionalWorkflowIT {
    @RegisterExtension
    final GuideShell shell = new GuideShell();

    @BeforeEach
    void setUp() throws Exception {
        // The script copies into ~/archive/ and expects it to be there.
        Files.createDirectories(shell.home().resolve("archive"));
    }

    @Test
    void completedJobIsArchived() throws Exception {
        GuideShell.writeEpisode(shell.work().resolve("episode.wav"), 3, 1);

        GuideShell.Result result = shell.script("pattern1-conditional.sh", shell.work());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.outLines()).as(result.toString()).contains("âœ“ Job completed - archiving artifacts");
        assertThat(result.errLines()).as(result.toString()).allMatch(ScriptOutput::isProgress);
        List<String> jobs = shell.jobLines();
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).split("\\s+")[1]).isEqualTo("COMPLETED");
        String jobId = jobs.get(0).split("\\s+")[0];
        List<String> artifacts = GuideShell.fileNames(shell.workspace().resolve("jobs").resolve(jobId).resolve("artifacts"));
        assertThat(artifacts).anyMatch(name -> name.endsWith(".wav"));
        assertThat(GuideShell.fileNames(shell.home().resolve("archive"))).isEqualTo(artifacts);
    }

    @Test
    void failedJobIsInvestigatedWithTail() throws Exception {
        Files.writeString(shell.work().resolve("episode.wav"), "this is not audio\n");

        GuideShell.Result result = shell.script("pattern1-conditional.sh", shell.work());

        assertThat(result.outLines()).as(result.toString()).contains("âœ— Job failed - investigating");
        assertThat(result.outLines()).as(result.toString())
                .anyMatch(line -> line.matches("\\S+Z  step\\.failed  \\S+  .*"))
                .anyMatch(line -> line.matches("\\S+Z  job\\.failed  -.*"));
        assertThat(result.exitCode()).as("the script ends with bit tail").isZero();
        assertThat(shell.jobLines()).singleElement().asString().contains("  FAILED  ");
        assertThat(GuideShell.fileNames(shell.home().resolve("archive"))).isEmpty();
    }
}
