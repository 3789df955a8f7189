package io.concierge.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an agent says about itself with every heartbeat.
 *
 * @param id          unique per agent process, e.g. {@code a_host_1234_x7}
 * @param host        the machine's name
 * @param pid         its process id
 * @param startedAt   when it started
 * @param heartbeatAt its last heartbeat
 * @param concurrency how many jobs it runs at once
 * @param packages    the package globs it takes (empty: all)
 * @param currentJobs the jobs it is running
 * @param state       {@code running} or {@code draining}
 */
public record AgentInfo(String id, String host, long pid, Instant startedAt, Instant heartbeatAt, int concurrency,
                        List<String> packages, List<String> currentJobs, String state) {
    /** Copies the lists. */
    public AgentInfo {
        Objects.requireNonNull(id, "id");
        packages = List.copyOf(packages);
        currentJobs = List.copyOf(currentJobs);
    }
}
