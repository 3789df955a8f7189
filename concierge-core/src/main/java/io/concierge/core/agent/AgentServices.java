package io.concierge.core.agent;

import io.concierge.api.job.Job;
import io.concierge.core.run.Runner;
import io.concierge.core.store.AgentRegistry;
import io.concierge.core.store.WorkQueue;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;

/**
 * What an agent works with, handed over in one piece.
 *
 * @param queue    where it claims work; its own instance, since the queue's wait belongs to one waiter
 * @param registry where its heartbeats go
 * @param runner   runs a claimed job
 * @param jobs     reads a job by exact id
 * @param clock    the time of heartbeats
 * @param owned    closed when the agent has stopped (the queue's watch), or a no-op
 */
public record AgentServices(WorkQueue queue, AgentRegistry registry, Runner runner, Function<String, Job> jobs,
                            Clock clock, AutoCloseable owned) {
    /** Checks that nothing is missing. */
    public AgentServices {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(owned, "owned");
    }
}
