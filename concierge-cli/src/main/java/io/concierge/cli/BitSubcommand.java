package io.concierge.cli;

import io.concierge.api.Concierge;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.cli.output.JsonPrinter;
import io.concierge.cli.run.ProgressPrinter;
import io.concierge.server.json.JsonViews;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every leaf command needs from the root: the environment, the workspace, and the streams
 * to print on (picocli's, so tests capture them). Subclasses stay thin adapters over the API.
 */
public abstract class BitSubcommand implements Callable<Integer> {

    /** Injected by picocli. */
    @Spec
    protected CommandSpec spec;

    private JsonViews views;

    /** The root command, which holds the shared state of this invocation. */
    protected BitCommand bit() {
        return (BitCommand) spec.root().userObject();
    }

    /** Standard output. */
    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Standard error. */
    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The JSON printer for {@code --json}. */
    protected JsonPrinter json() {
        return bit().json();
    }

    /**
     * The progress printer for a run: plain lines on standard error, plus a redrawn progress line
     * when standard error is a terminal and the output is not JSON.
     */
    protected ProgressPrinter progress(boolean json) {
        return new ProgressPrinter(err(), bit().environment().errorTerminal() && !json, java.time.Instant::now);
    }

    /**
     * The {@code --json} views over {@code concierge}, made once per command: the same views as
     * the HTTP API's, with artifacts at their local paths. Package lookups (for the types of
     * input values) are remembered for the command's short life.
     */
    protected JsonViews views(Concierge concierge) {
        if (views == null) {
            Map<String, Optional<TaskPackage>> seen = new HashMap<>();
            Function<String, Optional<TaskPackage>> lookup = JsonViews.packagesOf(concierge);
            views = JsonViews.forCommandLine(ref -> seen.computeIfAbsent(ref, lookup));
        }
        return views;
    }

    /** Opens the resolved workspace, which must already exist. */
    protected Concierge openExisting() {
        return bit().open(false);
    }

    /** Opens the resolved workspace, initialising it when it is missing. */
    protected Concierge openOrCreate() {
        return bit().open(true);
    }
}
