package io.concierge.cli.workspace;

import io.concierge.api.Concierge;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bit init [--path P]}: lays out a workspace (the resolved one when no path is given). */
@Command(name = "init", description = "Initialise a workspace folder (default: the workspace in use).")
public final class InitCommand extends BitSubcommand {
    @Option(names = "--path", paramLabel = "PATH", description = "The folder to initialise.")
    private String path;

    /** Creates the command; picocli fills it. */
    public InitCommand() {
    }

    @Override
    public Integer call() {
        Path workspace = path != null ? bit().environment().resolvePath(path) : bit().resolveWorkspace().path();
        boolean existed = Files.exists(workspace.resolve("concierge.json"));
        try (Concierge concierge = bit().open(workspace, true, event -> { })) {
            out().println((existed ? "workspace already initialised: " : "initialised workspace: ")
                    + concierge.workspace().root());
        }
        return ExitCodes.OK;
    }
}
