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
 * {@code bit serve [--port N] [--bind ADDR] [--token-file PATH] [--allow-host NAME ...]}: serves
 * the workspace over HTTP until interrupted (Ctrl-C or SIGTERM), then closes the server and the
 * workspace. Tokens come from a file readable by its owner only, from {@code $CONCIERGE_TOKENS}
 * ({@code NAME=SECRET} entries), or from {@code --token} (visible to other users in {@code ps}).
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
            description = "Let in requests bearing SECRET, approving as NAME (repeatable; other users see it in ps:"
                    + " prefer --token-file or $CONCIERGE_TOKENS).")
    private List<String> tokens = new ArrayList<>();

    @Option(names = "--token-file", paramLabel = "PATH",
            description = "Read tokens from PATH, one NAME=SECRET a line; the file must be readable by you only (chmod 600).")
    private java.nio.file.Path tokenFile;

    @Option(names = "--allow-host", paramLabel = "NAME",
            description = "Also answer requests addressed to NAME (e.g. the name a proxy uses); loopback names and the"
                    + " bound address are always answered (repeatable).")
    private List<String> allowedHosts = new ArrayList<>();

    /** The environment variable that may hold tokens, as NAME=SECRET entries. */
    static final String TOKENS_VARIABLE = "CONCIERGE_TOKENS";

    /** Creates the command; picocli fills it. */
    public ServeCommand() {
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerOptions.Builder options = ServerOptions.builder().port(port).bindAddress(bind);
        tokens.forEach(options::tokenArgument);
        if (tokenFile != null) {
            options.tokenFile(tokenFile);
        }
        String fromEnvironment = System.getenv(TOKENS_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            options.tokenText("$" + TOKENS_VARIABLE, fromEnvironment);
        }
        allowedHosts.forEach(options::allowHost);
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
