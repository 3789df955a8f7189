package io.concierge.cli.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.cli.CliEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceLocatorTest {
    @TempDir
    Path home;

    private CliEnvironment environment(Map<String, String> variables) {
        return new CliEnvironment(variables, home, home.resolve("cwd"), false, "alice");
    }

    @Test
    void defaultsToWorkspaceInHome() {
        ResolvedWorkspace resolved = new WorkspaceLocator(environment(Map.of())).resolve(null);

        assertThat(resolved.path()).isEqualTo(home.resolve("workspace"));
        assertThat(resolved.source()).isEqualTo(ResolvedWorkspace.Source.DEFAULT);
        assertThat(resolved.environment()).isEqualTo("default");
    }

    @Test
    void optionBeatsVariableBeatsRememberedBeatsDefault() {
        Map<String, String> variables = new HashMap<>();
        CliEnvironment env = environment(variables);
        new WorkspaceLocator(env).remembered().remember("default", home.resolve("remembered"), Instant.EPOCH);

        assertThat(new WorkspaceLocator(env).resolve(null))
                .isEqualTo(new ResolvedWorkspace(home.resolve("remembered"), "default",
                        ResolvedWorkspace.Source.REMEMBERED));

        variables.put("CONCIERGE_WORKSPACE", home.resolve("from-variable").toString());
        CliEnvironment withVariable = environment(variables);
        assertThat(new WorkspaceLocator(withVariable).resolve(null).path()).isEqualTo(home.resolve("from-variable"));
        assertThat(new WorkspaceLocator(withVariable).resolve(null).source())
                .isEqualTo(ResolvedWorkspace.Source.VARIABLE);

        ResolvedWorkspace fromOption = new WorkspaceLocator(withVariable).resolve(home.resolve("opt").toString());
        assertThat(fromOption.path()).isEqualTo(home.resolve("opt"));
        assertThat(fromOption.source()).isEqualTo(ResolvedWorkspace.Source.OPTION);
        assertThat(fromOption.reason()).isEqualTo("--workspace");
    }

    @Test
    void rememberedWorkspaceIsPerEnvironment() {
        CliEnvironment dev = environment(Map.of("CONCIERGE_ENV", "dev"));
        CliEnvironment prod = environment(Map.of("CONCIERGE_ENV", "prod"));
        new WorkspaceLocator(dev).remembered().remember("dev", home.resolve("workspace_dev"), Instant.EPOCH);
        new WorkspaceLocator(prod).remembered().remember("prod", home.resolve("workspace_prod"), Instant.EPOCH);

        assertThat(new WorkspaceLocator(dev).resolve(null).path()).isEqualTo(home.resolve("workspace_dev"));
        assertThat(new WorkspaceLocator(prod).resolve(null).path()).isEqualTo(home.resolve("workspace_prod"));
        assertThat(new WorkspaceLocator(prod).resolve(null).reason()).isEqualTo("bit ws open (environment prod)");
        // An environment nobody opened falls back to the default.
        assertThat(new WorkspaceLocator(environment(Map.of("CONCIERGE_ENV", "staging"))).resolve(null).source())
                .isEqualTo(ResolvedWorkspace.Source.DEFAULT);
    }

    @Test
    void rememberedFileLivesUnderXdgConfigHomeWhenSet() {
        Path config = home.resolve("xdg");
        CliEnvironment env = environment(Map.of("XDG_CONFIG_HOME", config.toString()));
        assertThat(new WorkspaceLocator(env).remembered().file())
                .isEqualTo(config.resolve("concierge").resolve("workspaces.json"));
        assertThat(new WorkspaceLocator(environment(Map.of())).remembered().file())
                .isEqualTo(home.resolve(".config/concierge/workspaces.json"));
    }

    @Test
    void relativeAndTildePathsAreResolved() {
        CliEnvironment env = environment(Map.of("CONCIERGE_WORKSPACE", "rel/ws"));
        assertThat(new WorkspaceLocator(env).resolve(null).path()).isEqualTo(home.resolve("cwd/rel/ws"));
        assertThat(new WorkspaceLocator(env).resolve("~/other").path()).isEqualTo(home.resolve("other"));
        assertThat(new WorkspaceLocator(env).resolve("../up").path()).isEqualTo(home.resolve("up"));
    }

    @Test
    void blankVariablesAreIgnored() {
        CliEnvironment env = environment(Map.of("CONCIERGE_WORKSPACE", "  ", "CONCIERGE_ENV", ""));
        ResolvedWorkspace resolved = new WorkspaceLocator(env).resolve("");
        assertThat(resolved.source()).isEqualTo(ResolvedWorkspace.Source.DEFAULT);
        assertThat(resolved.environment()).isEqualTo("default");
    }

    @Test
    void rememberingKeepsOtherEnvironmentsAndWritesJson() throws Exception {
        RememberedWorkspaces remembered = new WorkspaceLocator(environment(Map.of())).remembered();
        remembered.remember("dev", home.resolve("a"), Instant.parse("2026-11-25T13:00:00Z"));
        remembered.remember("prod", home.resolve("b"), Instant.parse("2026-11-25T13:00:01Z"));
        remembered.remember("dev", home.resolve("c"), Instant.parse("2026-11-25T13:00:02Z"));

        assertThat(remembered.lookup("dev")).contains(home.resolve("c"));
        assertThat(remembered.lookup("prod")).contains(home.resolve("b"));
        String json = Files.readString(remembered.file(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"environments\"").contains("\"opened_at\" : \"2026-11-25T13:00:02Z\"");
        // No temporary files are left next to it.
        try (var files = Files.list(remembered.file().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("workspaces.json", "workspaces.json.lock");
        }
    }

    @Test
    void brokenRememberedFileIsReportedAsInvalidWorkspace() throws Exception {
        RememberedWorkspaces remembered = new WorkspaceLocator(environment(Map.of())).remembered();
        Files.createDirectories(remembered.file().getParent());
        Files.writeString(remembered.file(), "{not json");

        assertThatThrownBy(() -> new WorkspaceLocator(environment(Map.of())).resolve(null))
                .isInstanceOf(InvalidWorkspaceException.class)
                .hasMessageContaining("workspaces.json is not valid JSON")
                .hasMessageContaining("bit ws open");
    }
}
