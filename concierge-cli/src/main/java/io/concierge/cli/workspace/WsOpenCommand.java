package io.concierge.cli.workspace;

import io.concierge.api.Concierge;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bit ws open --path P}: creates and initialises P when missing, checks it, and remembers
 * it as the workspace of the current {@code $CONCIERGE_ENV}.
 */
@Command(name = "open", description = "Open (creating when missing) a workspace and remember it for $CONCIERGE_ENV.")
public final class WsOpenCommand extends BitSubcommand {
    @Option(names = "--path", required = true, paramLabel = "PATH", description = "The workspace folder.")
    private String path;

    /** Creates the command; picocli fills it. */
    public WsOpenCommand() {
    }

    @Override
    public Integer call() {
        Path workspace = bit().environment().resolvePath(path);
        WorkspaceLocator locator = new WorkspaceLocator(bit().environment());
        // Opening initialises a missing folder and refuses a broken one, so only a sound
        // workspace is ever remembered.
        try (Concierge concierge = bit().open(workspace, true, event -> { })) {
            concierge.config();
        }
        locator.remembered().remember(locator.environmentName(), workspace, Instant.now());
        out().println("workspace: " + workspace);
        out().println("environment: " + locator.environmentName());
        out().println("remembered in: " + locator.remembered().file());
        return ExitCodes.OK;
    }
}
