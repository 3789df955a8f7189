package io.concierge.cli;

import io.concierge.api.Concierge;
import io.concierge.api.ConciergeOptions;
import io.concierge.api.trust.KeyRing;
import io.concierge.api.event.Event;
import io.concierge.cli.output.JsonPrinter;
import io.concierge.cli.workspace.ResolvedWorkspace;
import io.concierge.cli.workspace.WorkspaceLocator;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root {@code bit} command; {@link BitCommandLine} adds its subcommands. It owns what every
 * subcommand shares: the environment, the {@code --workspace} option (inherited, so it may
 * follow any subcommand) and opening the workspace it resolves to.
 */
@Command(name = "bit",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = BitVersion.class,
        description = "Turn a sentence into a planned, approved and audited job run by real workers.",
        footer = {"",
            "Workspace: --workspace, else $CONCIERGE_WORKSPACE, else the one 'bit ws open'",
            "remembered for $CONCIERGE_ENV (default 'default'), else ~/workspace.",
            "Exit codes: 0 ok, 1 job or check failed, 2 usage, 3 not found, 4 wrong state,",
            "5 invalid workspace, 6 ambiguous, 7 timed out (bit wait), 70 internal error."})
public final class BitCommand extends CommandGroup {
    private final CliEnvironment environment;
    private JsonPrinter json;

    @Spec
    private CommandSpec spec;

    @Option(names = "--workspace", paramLabel = "PATH", scope = ScopeType.INHERIT,
            description = "The workspace to use (see below for the default).")
    private String workspaceOption;

    @Option(names = "--plugins", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Also load worker plugin jars from DIR (besides the workspace's plugins/); repeatable.")
    private java.util.List<String> pluginDirs = new java.util.ArrayList<>();

    /** The root command for this environment. */
    public BitCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    /** The process environment the command runs in. */
    public CliEnvironment environment() {
        return environment;
    }

    /** The {@code --workspace} value as typed, or null. */
    public String workspaceOption() {
        return workspaceOption;
    }

    /** Which workspace this invocation uses, and why. */
    public ResolvedWorkspace resolveWorkspace() {
        return new WorkspaceLocator(environment).resolve(workspaceOption);
    }

    /** Opens the resolved workspace; {@code create} initialises it when missing. */
    public Concierge open(boolean create) {
        return open(resolveWorkspace().path(), create, event -> { });
    }

    /** Opens a workspace, passing every event written to {@code listener}. */
    public Concierge open(Path workspace, boolean create, Consumer<Event> listener) {
        return open(workspace, create, listener, environment.workingDirectory());
    }

    /** Opens a workspace whose relative input paths resolve against {@code workingDirectory}. */
    public Concierge open(Path workspace, boolean create, Consumer<Event> listener, Path workingDirectory) {
        ConciergeOptions.Builder builder = Concierge.builder(workspace);
        for (String dir : pluginDirs) {
            builder.pluginDirectory(workingDirectory.resolve(dir));
        }
        return builder
                .createIfMissing(create)
                .workingDirectory(workingDirectory)
                .defaultApprover(environment.userName())
                .keyRing(keyRing())
                .eventListener(listener)
                // $CONCIERGE_ENV picks the configuration overlay concierge.<env>.json too.
                .environment(environment.variable(WorkspaceLocator.ENV_VARIABLE).orElse(""))
                .open();
    }

    /**
     * The key ring of the person running {@code bit}: {@code $CONCIERGE_HOME}, else
     * {@code $XDG_CONFIG_HOME/concierge}, else {@code ~/.config/concierge}; outside any workspace.
     */
    public KeyRing keyRing() {
        return KeyRing.folder(keyFolder());
    }

    /** The folder of {@link #keyRing()}. */
    public Path keyFolder() {
        return environment.variable("CONCIERGE_HOME").map(environment::resolvePath)
                .or(() -> environment.variable("XDG_CONFIG_HOME").map(x -> environment.resolvePath(x).resolve("concierge")))
                .orElse(environment.home().resolve(".config").resolve("concierge"));
    }

    /** The JSON printer, made on first use: most invocations never print JSON. */
    public JsonPrinter json() {
        if (json == null) {
            json = new JsonPrinter();
        }
        return json;
    }

    @Override
    protected CommandSpec spec() {
        return spec;
    }
}
