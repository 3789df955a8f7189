package io.concierge.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The right to run one job, held by one agent until it expires or is released. The token grows
 * with every claim of the job, across all agents: a store refuses any write fenced with a token
 * that is not the job's current one, so an agent whose lease expired (paused, partitioned) can
 * never record a result after another agent took the job over.
 *
 * @param jobId     the job
 * @param holder    the agent (or {@code bit run} process) holding it
 * @param token     the fencing token
 * @param expiresAt when it lapses unless renewed
 */
public record Lease(String jobId, String holder, long token, Instant expiresAt) {
    /** Checks that nothing is missing. */
    public Lease {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
