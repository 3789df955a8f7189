package io.concierge.cli.serve;

import io.concierge.api.Concierge;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.server.ConciergeServer;
import io.concierge.server.ServerOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bit serve [--port N] [--bind ADDR] [--token NAME=SECRET ...]}: serves the workspace
 * over HTTP until interrupted (Ctrl-C or SIGTERM), then closes the server and the workspace.
 */
@Command(name = "serve", description = "Serve the workspace's HTTP API and web console until interrupted.")
public final class ServeCommand extends BitSubcommand {
    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "Port to listen on; 0 takes any free port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}); any other than loopback needs --token.")
    private String bind;

    @Option(names = "--token", paramLabel = "NAME=SECRET",
            description = "Let in requests bearing SECRET, approving as NAME (repeatable).")
    private List<String> tokens = new ArrayList<>();

    /** Creates the command; picocli fills it. */
    public ServeCommand() {
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerOptions.Builder options = ServerOptions.builder().port(port).bindAddress(bind);
        tokens.forEach(options::tokenArgument);
        ServerOptions built = options.build();
        Concierge concierge = openExisting();
        ConciergeServer server;
        try {
            server = ConciergeServer.start(concierge, built);
        } catch (RuntimeException e) {
            concierge.close();
            throw e;
        }
        // SIGINT and SIGTERM run shutdown hooks: close the server, then the workspace.
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable closeAll = () -> {
            if (closed.compareAndSet(false, true)) {
                server.close();
                concierge.close();
            }
        };
        Thread hook = new Thread(closeAll, "bit-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out().println("serving " + concierge.workspace().root() + " at " + server.url());
        out().flush();
        try {
            server.awaitClose();
        } finally {
            closeAll.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it closes them.
            }
        }
        return ExitCodes.OK;
    }
}
