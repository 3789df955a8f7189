package io.concierge.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.cli.InProcessBit;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where {@code bit quickstart} puts its workspace, and that it may run again in the same one. */
class QuickstartCommandTest {
    @TempDir
    Path home;

    @Test
    void workspaceDirWinsAndASecondRunMakesASecondJob() {
        InProcessBit bit = new InProcessBit(home);
        Path dir = home.resolve("qs");

        InProcessBit.Result first = bit.run("--workspace", home.resolve("ignored").toString(),
                "quickstart", "--workspace-dir", "qs");
        InProcessBit.Result second = bit.run("quickstart", "--workspace-dir", dir.toString());

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(first.outLines()).contains("workspace: " + dir);
        assertThat(home.resolve("ignored")).doesNotExist();
        assertThat(bit.run("--workspace", dir.toString(), "job", "list").outLines()).hasSize(2)
                .allMatch(line -> line.contains("  COMPLETED  audio.normalize@"));
    }

    @Test
    void workspaceOptionIsUsedWithoutWorkspaceDir() {
        InProcessBit bit = new InProcessBit(home);

        InProcessBit.Result result = bit.run("--workspace", "elsewhere", "quickstart");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(home.resolve("elsewhere/episode.wav")).isRegularFile();
        assertThat(home.resolve("concierge-quickstart")).doesNotExist();
    }
}
