package io.concierge.cli.agent;

import io.concierge.api.Concierge;
import io.concierge.api.agent.AgentStatus;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.output.JsonOption;
import io.concierge.cli.output.Table;
import io.concierge.cli.output.TextFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code bit agents [--json] [--lease-seconds S]}: the agents taking work from the workspace, one
 * line each: id, host, pid, heartbeat age, concurrency, state and current jobs. An agent whose
 * heartbeat is older than three lease periods is shown as {@code stale}: it is presumably dead,
 * and other agents take its jobs over.
 */
@Command(name = "agents", description = "List the agents taking work: id, host, pid, heartbeat age, concurrency, state, jobs.")
public final class AgentsCommand extends BitSubcommand {
    @Mixin
    private JsonOption json;

    @Option(names = "--lease-seconds", paramLabel = "S", defaultValue = "30",
            description = "The lease the agents use; no heartbeat for three of them is stale (default: ${DEFAULT-VALUE}).")
    private long leaseSeconds;

    /** Creates the command; picocli fills it. */
    public AgentsCommand() {
    }

    @Override
    public Integer call() {
        if (leaseSeconds < 1 || leaseSeconds > 3600) {
            throw new ParameterException(spec.commandLine(), "--lease-seconds must be from 1 to 3600, got " + leaseSeconds);
        }
        Duration lease = Duration.ofSeconds(leaseSeconds);
        try (Concierge concierge = openExisting()) {
            List<AgentStatus> agents = concierge.agents();
            Instant now = Instant.now();
            if (json.enabled()) {
                json().print(out(), views(concierge).list(agents, a -> views(concierge).agent(a, now, lease)));
            } else if (bit().environment().interactive()) {
                Table table = new Table("AGENT", "HOST", "PID", "HEARTBEAT", "CONCURRENCY", "STATE", "JOBS");
                agents.forEach(a -> table.row(a.id(), a.host(), Long.toString(a.pid()), age(a, now) + " ago",
                        Integer.toString(a.concurrency()), state(a, now, lease), TextFormat.joined(a.currentJobs())));
                table.lines().forEach(out()::println);
            } else {
                agents.forEach(a -> out().println(String.join(" ", a.id(), a.host(), Long.toString(a.pid()), age(a, now),
                        Integer.toString(a.concurrency()), state(a, now, lease),
                        a.currentJobs().isEmpty() ? "-" : String.join(",", a.currentJobs()))));
            }
        }
        return ExitCodes.OK;
    }

    private static String age(AgentStatus agent, Instant now) {
        return String.format(Locale.ROOT, "%.1fs", agent.heartbeatAge(now).toMillis() / 1000.0);
    }

    private static String state(AgentStatus agent, Instant now, Duration lease) {
        return agent.stale(now, lease) ? "stale" : agent.state();
    }
}
