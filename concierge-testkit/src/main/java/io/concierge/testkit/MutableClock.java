package io.concierge.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it, so timestamps, ids and durations in the
 * workspace are predictable.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
 * clock.advance(Duration.ofMinutes(5));
 * clock.instant(); // 2026-01-01T00:05:00Z
 * }</pre>
 *
 * <p>Thread-safe. Clocks made with {@link #withZone(ZoneId)} share this clock's time.
 *
 * @since 0.1.0
 */
public final class MutableClock extends Clock {
    /** The instant a {@link #MutableClock()} starts at: 2026-01-01T00:00:00Z. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /** A clock at {@link #DEFAULT_START}, in UTC. */
    public MutableClock() {
        this(new AtomicReference<>(DEFAULT_START), ZoneOffset.UTC);
    }

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /**
     * A clock standing at {@code start}, in UTC.
     *
     * @param start the time it shows until moved
     * @return the clock
     */
    public static MutableClock at(Instant start) {
        return new MutableClock(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    /**
     * Moves the clock forward (or back, for a negative duration) and returns the new time.
     *
     * @param amount how far to move it
     * @return the time after the move
     */
    public Instant advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        return now.updateAndGet(t -> t.plus(amount));
    }

    /**
     * Sets the clock to {@code instant}.
     *
     * @param instant the time it shows from now on
     */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A clock in another zone that shares this clock's time and moves with it. */
    @Override
    public Clock withZone(ZoneId otherZone) {
        return otherZone.equals(zone) ? this : new MutableClock(now, otherZone);
    }

    @Override
    public String toString() {
        return "MutableClock[" + now.get() + "," + zone + "]";
    }
}
