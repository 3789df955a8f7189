package io.concierge.api;

import java.time.Instant;

/**
 * Makes the ids of jobs, plans and runs: a prefix ({@code j_}, {@code p_}, {@code r_}) and a
 * suffix that sorts by time as text. The default is ULID-like; tests supply a deterministic one.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface IdGenerator {

    /**
     * A new id.
     *
     * @param prefix the kind's prefix, e.g. {@code j_}
     * @param now    the current time of the Concierge's clock
     * @return the id: the prefix and a suffix that sorts by creation
     */
    String next(String prefix, Instant now);
}
