package io.concierge.cli.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The guide's "Pattern 3: Parallel Fan-Out": five jobs made in turn, then run at once with {@code &}. */
class ParallelFanOutIT {
    @RegisterExtension
    final GuideShell shell = new GuideShell();

    @Test
    void fiveEpisodesAreNormalizedInParallel() throws Exception {
        for (int episode = 1; episode <= 5; episode++) {
            GuideShell.writeEpisode(shell.work().resolve(String.format("ep%03d.wav", episode)), 2, 10 + episode);
        }

        GuideShell.Result result = shell.script("pattern3-fan-out.sh", shell.work());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.outLines()).as(result.toString()).endsWith("âœ“ All episodes normalized");
        assertThat(result.errLines()).as(result.toString()).allMatch(ScriptOutput::isProgress);

        List<String> jobs = shell.jobLines();
        assertThat(jobs).hasSize(5).allMatch(line -> line.split("\\s+")[1].equals("COMPLETED"));
        for (int episode = 1; episode <= 5; episode++) {
            assertThat(jobs.get(episode - 1)).as("jobs are listed in the order they were made")
                    .endsWith(String.format("Normalize audio file ep%03d.wav to -14 LUFS", episode));
        }
        // Every job's artifacts arrive, none overwritten by another's: one normalized WAV per
        // episode, plus whatever else each job published (audio.normalize adds a loudness report).
        List<String> normalized = GuideShell.fileNames(shell.home().resolve("normalized_episodes"));
        int published = 0;
        for (String line : jobs) {
            published += GuideShell.fileNames(shell.workspace().resolve("jobs").resolve(line.split("\\s+")[0])
                    .resolve("artifacts")).size();
        }
        assertThat(normalized).hasSize(published);
        assertThat(normalized).filteredOn(file -> file.endsWith(".wav")).hasSize(5);
        for (int episode = 1; episode <= 5; episode++) {
            String name = String.format("ep%03d", episode);
            assertThat(normalized).as(name).filteredOn(file -> file.startsWith(name) && file.endsWith(".wav"))
                    .hasSize(1);
        }
        assertThat(normalized).allMatch(file -> file.matches("ep00[1-5].*"));
    }
}
