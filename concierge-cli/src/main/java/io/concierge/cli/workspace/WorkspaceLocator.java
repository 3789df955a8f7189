package io.concierge.cli.workspace;

import io.concierge.cli.CliEnvironment;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Decides which workspace {@code bit} uses: {@code --workspace PATH} &gt;
 * {@code $CONCIERGE_WORKSPACE} &gt; the one {@code bit ws open} remembered for
 * {@code $CONCIERGE_ENV} (default {@code default}) &gt; {@code ~/workspace}.
 */
public final class WorkspaceLocator {
    /** The environment variable naming the workspace. */
    public static final String WORKSPACE_VARIABLE = "CONCIERGE_WORKSPACE";
    /** The environment variable naming the environment ({@code dev}, {@code prod}). */
    public static final String ENV_VARIABLE = "CONCIERGE_ENV";
    /** The environment when {@code $CONCIERGE_ENV} is unset. */
    public static final String DEFAULT_ENVIRONMENT = "default";

    private final CliEnvironment environment;

    /** A locator reading the given environment. */
    public WorkspaceLocator(CliEnvironment environment) {
        this.environment = environment;
    }

    /** The current environment's name. */
    public String environmentName() {
        return environment.variable(ENV_VARIABLE).orElse(DEFAULT_ENVIRONMENT);
    }

    /** The file where {@code bit ws open} remembers workspaces. */
    public RememberedWorkspaces remembered() {
        Path configHome = environment.variable("XDG_CONFIG_HOME")
                .map(environment::resolvePath)
                .orElse(environment.home().resolve(".config"));
        return new RememberedWorkspaces(configHome.resolve("concierge").resolve("workspaces.json"));
    }

    /**
     * Resolves the workspace.
     *
     * @param option the {@code --workspace} value as typed, or null
     */
    public ResolvedWorkspace resolve(String option) {
        String env = environmentName();
        if (option != null && !option.isBlank()) {
            return new ResolvedWorkspace(environment.resolvePath(option), env, ResolvedWorkspace.Source.OPTION);
        }
        Optional<String> variable = environment.variable(WORKSPACE_VARIABLE);
        if (variable.isPresent()) {
            return new ResolvedWorkspace(environment.resolvePath(variable.get()), env,
                    ResolvedWorkspace.Source.VARIABLE);
        }
        Optional<Path> remembered = remembered().lookup(env);
        if (remembered.isPresent()) {
            return new ResolvedWorkspace(remembered.get(), env, ResolvedWorkspace.Source.REMEMBERED);
        }
        return new ResolvedWorkspace(environment.home().resolve("workspace").toAbsolutePath().normalize(), env,
                ResolvedWorkspace.Source.DEFAULT);
    }
}
