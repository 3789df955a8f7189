package io.concierge.testkit;

import io.concierge.api.IdGenerator;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deterministic ids for tests: the kind's prefix and a 26-digit zero-padded counter shared by
 * all kinds, so ids still sort by creation and have the length of real ones.
 *
 * <pre>{@code
 * SequentialIds ids = new SequentialIds();
 * ids.next("j_", now); // j_00000000000000000000000001
 * ids.next("p_", now); // p_00000000000000000000000002
 * }</pre>
 *
 * <p>Thread-safe; each instance counts on its own.
 *
 * @since 0.1.0
 */
public final class SequentialIds implements IdGenerator {
    private static final int DIGITS = 26;
    private final AtomicLong counter = new AtomicLong();

    /** Ids counting from 1. */
    public SequentialIds() {
    }

    @Override
    public String next(String prefix, Instant now) {
        String number = Long.toString(counter.incrementAndGet());
        return prefix + "0".repeat(DIGITS - number.length()) + number;
    }

    /**
     * How many ids this generator has made.
     *
     * @return the number of ids made so far
     */
    public long issued() {
        return counter.get();
    }
}
