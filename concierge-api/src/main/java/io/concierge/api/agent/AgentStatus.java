package io.concierge.api.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an agent says about itself with every heartbeat, as {@code bit agents} lists it.
 *
 * @param id          unique per agent
 * @param host        the machine's name
 * @param pid         its process id
 * @param startedAt   when it started
 * @param heartbeatAt its last heartbeat
 * @param concurrency how many jobs it runs at once
 * @param packages    the package globs it takes (empty: all)
 * @param currentJobs the jobs it is running
 * @param state       {@code running}, or {@code draining} once it was asked to stop
 *
 * @since 0.1.0
 */
public record AgentStatus(String id, String host, long pid, Instant startedAt, Instant heartbeatAt, int concurrency,
                          List<String> packages, List<String> currentJobs, String state) {

    /**
     * Checks and copies.
     *
     * @param id unique per agent
     * @param host the machine's name
     * @param pid its process id
     * @param startedAt when it started
     * @param heartbeatAt its last heartbeat
     * @param concurrency how many jobs it runs at once
     * @param packages the package globs it takes (empty: all)
     * @param currentJobs the jobs it is running
     * @param state {@code running} or {@code draining}
     */
    public AgentStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(heartbeatAt, "heartbeatAt");
        host = Objects.requireNonNullElse(host, "");
        state = Objects.requireNonNullElse(state, "");
        packages = List.copyOf(packages);
        currentJobs = List.copyOf(currentJobs);
    }

    /**
     * How long ago the last heartbeat was.
     *
     * @param now the time to measure from
     * @return the age, zero when the heartbeat is in the future (clocks of two machines)
     */
    public Duration heartbeatAge(Instant now) {
        Duration age = Duration.between(heartbeatAt, now);
        return age.isNegative() ? Duration.ZERO : age;
    }

    /**
     * Whether the agent looks dead: no heartbeat for three lease periods (nine heartbeats missed).
     * Its leases have lapsed by then, and other agents have taken its jobs over.
     *
     * @param now   the time to measure from
     * @param lease the lease duration the agents use
     * @return true when stale
     */
    public boolean stale(Instant now, Duration lease) {
        return heartbeatAge(now).compareTo(lease.multipliedBy(3)) > 0;
    }
}
