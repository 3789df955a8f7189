package io.concierge.cli.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code bit status} of a normalization in a real pseudo-terminal (util-linux {@code script}):
 * one sparkline of the output's short-term loudness, which a pipe and {@code --json} never get.
 */
class LoudnessSparklineIT {
    @RegisterExtension
    final GuideShell shell = new GuideShell();

    @Test
    void aTerminalSeesTheLoudnessAsOneLineAndAPipeDoesNot() throws Exception {
        GuideShell.writeEpisode(shell.work().resolve("episode.wav"), 10, 3);
        GuideShell.Result submitted = shell.bit(shell.work(), "submit", "Normalize episode.wav to -16 LUFS",
                "--approve", "--run");
        assertThat(submitted.exitCode()).as(submitted.toString()).isZero();
        String job = submitted.out().lines().findFirst().orElseThrow().strip();

        GuideShell.Result shown = shell.run(List.of("script", "-q", "-e", "-c", "bit status " + job, "/dev/null"),
                shell.work(), Map.of("TERM", "xterm"));

        assertThat(shown.exitCode()).as(shown.toString()).isZero();
        List<String> lines = shown.out().lines().map(String::strip).toList();
        assertThat(lines).contains("status: COMPLETED");
        assertThat(lines).filteredOn(line -> line.startsWith("loudness: ")).singleElement().satisfies(line ->
                assertThat(line).matches("loudness: [▁▂▃▄▅▆▇█ ]+  -?[0-9.]+\\.\\.-?[0-9.]+ LUFS short-term, "
                        + "output of episode\\.wav, 0:10"));

        GuideShell.Result piped = shell.bit(shell.work(), "status", job);
        assertThat(piped.exitCode()).as(piped.toString()).isZero();
        assertThat(piped.out()).contains("status: COMPLETED").doesNotContain("loudness:").doesNotContain("▁");
        assertThat(shell.bit(shell.work(), "status", job, "--json").out()).doesNotContain("loudness:");
    }
}
