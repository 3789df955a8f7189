package io.concierge.core.run;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A halt that only one run in this process sees, for the code that started the run: an agent
 * halts its own run when it loses the job's lease or stops. Unlike {@code bit halt} (a marker
 * file under {@code .concierge/halt/} that any process may leave), it cannot reach a run of the
 * same job that another process started after taking the job over.
 */
public final class RunControl {
    private final AtomicReference<String> halt = new AtomicReference<>();

    /** A control nobody has halted yet. */
    public RunControl() {
    }

    /**
     * Asks the run to halt; the first reason counts.
     *
     * @param reason who halts it and why, e.g. {@code agent a_1 (stopping)}
     */
    public void halt(String reason) {
        halt.compareAndSet(null, reason);
    }

    /**
     * Why the run was asked to halt.
     *
     * @return the reason, empty until asked
     */
    public Optional<String> haltReason() {
        return Optional.ofNullable(halt.get());
    }
}
