package io.concierge.api.agent;

import io.concierge.api.failure.InvalidInputException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How an agent works.
 *
 * <pre>{@code
 * AgentOptions options = AgentOptions.builder().concurrency(4).packages(List.of("audio.*")).build();
 * AgentOptions batch = options.toBuilder().exitWhenIdle(true).build();      // a changed copy
 * }</pre>
 *
 * @param id            the agent's id; empty to make one from the host name and process id
 * @param concurrency   how many jobs it runs at once, 1 to 64
 * @param packages      globs of the package names it takes ({@code audio.*}, {@code *}); empty for all
 * @param exitWhenIdle  return from {@link Agent#run()} as soon as nothing is queued and nothing runs
 * @param leaseDuration how long a claim lasts unless renewed; heartbeats renew it every third of it
 * @param gracePeriod   how long a stopping agent lets its running jobs finish before it halts them
 *
 * <p>Values out of range fail with an {@link InvalidInputException} that names the value.
 *
 * @since 0.1.0
 */
public record AgentOptions(String id, int concurrency, List<String> packages, boolean exitWhenIdle,
                           Duration leaseDuration, Duration gracePeriod) {

    /**
     * Validates and copies.
     *
     * @param id the agent's id; empty to make one from the host name and process id
     * @param concurrency how many jobs it runs at once, 1 to 64
     * @param packages globs of the package names it takes; empty for all
     * @param exitWhenIdle return as soon as nothing is queued and nothing runs
     * @param leaseDuration how long a claim lasts unless renewed
     * @param gracePeriod how long a stopping agent lets its running jobs finish
     */
    public AgentOptions {
        id = Objects.requireNonNullElse(id, "");
        if (!id.isEmpty() && !id.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")) {
            throw new InvalidInputException("an agent id is 1 to 100 letters, digits, '_', '.' or '-' (not first), got '" + id + "'");
        }
        if (concurrency < 1 || concurrency > 64) {
            throw new InvalidInputException("concurrency must be from 1 to 64, got " + concurrency);
        }
        packages = List.copyOf(packages);
        for (String glob : packages) {
            if (!glob.matches("[a-z0-9_.*?-]{1,100}")) {
                throw new InvalidInputException("'" + glob + "' is not a package glob like audio.* or file.copy");
            }
        }
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        if (leaseDuration.compareTo(Duration.ofSeconds(1)) < 0 || leaseDuration.compareTo(Duration.ofHours(1)) > 0) {
            throw new InvalidInputException("the lease must last from 1 s to 1 h, got " + leaseDuration.toMillis() / 1000.0 + " s");
        }
        if (gracePeriod.isNegative() || gracePeriod.compareTo(Duration.ofHours(24)) > 0) {
            throw new InvalidInputException("the grace period must be from 0 to 24 h, got " + gracePeriod.toSeconds() + " s");
        }
    }

    /**
     * The defaults: an id of its own, one job at a time, every package, runs until stopped, a
     * 30 s lease, a 30 s grace period.
     *
     * @return the default options
     */
    public static AgentOptions defaults() {
        return new AgentOptions("", 1, List.of(), false, Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    /**
     * How often the agent renews its leases and tells the registry it is alive: a third of the
     * lease, so that two heartbeats may fail before a lease lapses.
     *
     * @return the heartbeat interval
     */
    public Duration heartbeatInterval() {
        return leaseDuration.dividedBy(3);
    }

    /**
     * A builder holding the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder(defaults());
    }

    /**
     * A builder holding these options, for a changed copy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Collects agent options; {@link #build()} checks them. */
    public static final class Builder {
        private String id;
        private int concurrency;
        private List<String> packages;
        private boolean exitWhenIdle;
        private Duration leaseDuration;
        private Duration gracePeriod;

        private Builder(AgentOptions from) {
            id = from.id;
            concurrency = from.concurrency;
            packages = from.packages;
            exitWhenIdle = from.exitWhenIdle;
            leaseDuration = from.leaseDuration;
            gracePeriod = from.gracePeriod;
        }

        /**
         * The agent's id (default: made from the host name and process id).
         *
         * @param value letters, digits, '_', '.' or '-'
         * @return this builder
         */
        public Builder id(String value) {
            id = value;
            return this;
        }

        /**
         * How many jobs run at once (default 1).
         *
         * @param value 1 to 64
         * @return this builder
         */
        public Builder concurrency(int value) {
            concurrency = value;
            return this;
        }

        /**
         * The package globs taken (default: all).
         *
         * @param value globs such as {@code audio.*}
         * @return this builder
         */
        public Builder packages(List<String> value) {
            packages = value;
            return this;
        }

        /**
         * Whether to return once nothing is queued and nothing runs (default false).
         *
         * @param value true for batch use
         * @return this builder
         */
        public Builder exitWhenIdle(boolean value) {
            exitWhenIdle = value;
            return this;
        }

        /**
         * How long a claim lasts unless renewed (default 30 s).
         *
         * @param value 1 s to 1 h
         * @return this builder
         */
        public Builder leaseDuration(Duration value) {
            leaseDuration = value;
            return this;
        }

        /**
         * How long a stopping agent waits for its running jobs (default 30 s).
         *
         * @param value 0 to 24 h
         * @return this builder
         */
        public Builder gracePeriod(Duration value) {
            gracePeriod = value;
            return this;
        }

        /**
         * Checks the options and builds them.
         *
         * @return the options
         */
        public AgentOptions build() {
            return new AgentOptions(id, concurrency, packages, exitWhenIdle, leaseDuration, gracePeriod);
        }
    }
}
