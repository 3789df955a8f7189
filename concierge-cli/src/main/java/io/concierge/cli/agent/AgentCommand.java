package io.concierge.cli.agent;

import io.concierge.api.Concierge;
import io.concierge.api.agent.Agent;
import io.concierge.api.agent.AgentOptions;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code bit agent [--concurrency N] [--packages GLOB]... [--exit-when-idle] [--lease-seconds S]
 * [--grace-seconds S]}: takes approved jobs from the workspace's queue and runs them until
 * stopped. SIGTERM or Ctrl-C stop it gracefully: it claims nothing more, lets running jobs finish
 * for the grace period, halts the rest, releases them and exits 0 (the shutdown hook ends the
 * process with 0 itself, since a JVM ended by a signal would otherwise exit 143).
 */
@Command(name = "agent", description = {"Take approved jobs from the queue and run them until stopped (SIGTERM, Ctrl-C).",
    "Prints a line per claim and per finished run: 'claimed J (package@version)', 'completed J in 3.2 s',",
    "'failed J: reason', 'halted J: reason'. See the agents with: bit agents."})
public final class AgentCommand extends BitSubcommand {
    /** How long the shutdown hook waits beyond the grace period for halted runs to record their end. */
    private static final Duration HALT_ALLOWANCE = Duration.ofSeconds(75);

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "1",
            description = "Jobs to run at once, 1 to 64 (default: ${DEFAULT-VALUE}).")
    private int concurrency;

    @Option(names = "--packages", paramLabel = "GLOB", split = ",",
            description = "Take only jobs of packages matching GLOB, e.g. 'audio.*' (repeatable; default: all).")
    private List<String> packages = new ArrayList<>();

    @Option(names = "--exit-when-idle", description = "Exit once nothing is queued and nothing runs (batch use, tests).")
    private boolean exitWhenIdle;

    @Option(names = "--lease-seconds", paramLabel = "S", defaultValue = "30",
            description = "How long a claim lasts unless renewed; renewed every third of it (default: ${DEFAULT-VALUE}).")
    private long leaseSeconds;

    @Option(names = "--grace-seconds", paramLabel = "S", defaultValue = "30",
            description = "On SIGTERM, how long running jobs may finish before they are halted (default: ${DEFAULT-VALUE}).")
    private long graceSeconds;

    @Option(names = "--id", paramLabel = "ID",
            description = "The agent's id in bit agents (default: a_<host>_<pid>_<xx>).")
    private String id;

    /** Creates the command; picocli fills it. */
    public AgentCommand() {
    }

    @Override
    public Integer call() {
        AgentOptions options = options();
        CountDownLatch closed = new CountDownLatch(1);
        try (Concierge concierge = openExisting()) {
            Agent agent = concierge.agent(options, new AgentLines(out(), err()));
            Thread hook = new Thread(() -> stopOnSignal(agent, options, closed), "bit-agent-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            AgentLines.print(err(), "bit: agent " + agent.id() + " takes " + (options.packages().isEmpty() ? "every package"
                    : String.join(", ", options.packages())) + " from " + concierge.workspace().root()
                    + " (" + options.concurrency() + " at a time" + (options.exitWhenIdle() ? ", until idle" : "") + ")");
            try {
                agent.run();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it ends the process once the workspace is closed below
                }
            }
        } finally {
            closed.countDown();
        }
        return ExitCodes.OK;
    }

    /** The shutdown hook: a graceful stop, then exit 0 once {@link #call()} closed the workspace. */
    private void stopOnSignal(Agent agent, AgentOptions options, CountDownLatch closed) {
        AgentLines.print(err(), "bit: agent " + agent.id() + " stopping: running jobs get up to "
                + options.gracePeriod().toSeconds() + " s to finish");
        agent.stop();
        try {
            closed.await(options.gracePeriod().plus(HALT_ALLOWANCE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out().flush();
        err().flush();
        Runtime.getRuntime().halt(ExitCodes.OK);
    }

    private AgentOptions options() {
        if (concurrency < 1 || concurrency > 64) {
            throw usage("--concurrency must be from 1 to 64, got " + concurrency);
        }
        if (leaseSeconds < 1 || leaseSeconds > 3600) {
            throw usage("--lease-seconds must be from 1 to 3600, got " + leaseSeconds);
        }
        if (graceSeconds < 0 || graceSeconds > 86_400) {
            throw usage("--grace-seconds must be from 0 to 86400, got " + graceSeconds);
        }
        List<String> globs = packages.stream().map(String::strip).filter(g -> !g.isEmpty()).toList();
        for (String glob : globs) {
            if (!glob.matches("[a-z0-9_.*?-]{1,100}")) {
                throw usage("--packages: '" + glob + "' is not a package glob such as audio.* or file.copy");
            }
        }
        if (id != null && !id.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")) {
            throw usage("--id: '" + id + "' is not an agent id: 1 to 100 letters, digits, '_', '.' or '-'");
        }
        return AgentOptions.builder().id(id == null ? "" : id).concurrency(concurrency).packages(globs)
                .exitWhenIdle(exitWhenIdle).leaseDuration(Duration.ofSeconds(leaseSeconds))
                .gracePeriod(Duration.ofSeconds(graceSeconds)).build();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
