package io.concierge.cli.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The guide's "Multi-Environment Setup": one workspace remembered per $CONCIERGE_ENV. */
class MultiEnvironmentIT {
    @RegisterExtension
    final GuideShell shell = new GuideShell();

    @Test
    void eachEnvironmentRemembersItsWorkspace() throws Exception {

        GuideShell.Result result = shell.script("multi-environment.sh", shell.work());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).isEmpty();
        for (String env : List.of("dev", "staging", "prod")) {
            Path workspace = shell.home().resolve("workspace_" + env);
            assertThat(workspace.resolve("concierge.json")).isRegularFile();
            GuideShell.Result show = shell.run(List.of("bit", "ws", "show"), shell.work(), Map.of("CONCIERGE_ENV", env));
            assertThat(show.exitCode()).as(show.toString()).isZero();
            assertThat(show.outLines()).contains("workspace: " + workspace, "environment: " + env,
                    "chosen by: bit ws open (environment " + env + ")", "jobs: 0");
        }
        assertThat(Files.readString(shell.home().resolve(".config/concierge/workspaces.json")))
                .contains("workspace_dev", "workspace_staging", "workspace_prod");
    }
}
