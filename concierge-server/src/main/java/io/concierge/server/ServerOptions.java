package io.concierge.server;

import io.concierge.api.failure.ConciergeException;
import io.concierge.api.failure.ConciergeException.Kind;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * How a {@link ConciergeServer} listens and whom it lets in. An immutable record, made as every
 * options value of Concierge is: {@link #builder()} for new options, {@link #toBuilder()} for a
 * changed copy, {@link #defaults()} for the defaults.
 *
 * <pre>{@code
 * ServerOptions options = ServerOptions.builder()
 *         .bindAddress("0.0.0.0")
 *         .port(8080)
 *         .tokenArgument("alice=s3cret-token")   // as given to: bit serve --token alice=s3cret-token
 *         .build();
 * }</pre>
 *
 * <p>Defaults: bind to {@code 127.0.0.1} on any free port, no tokens (which only a loopback
 * address allows), request bodies up to 64 KiB, runs on a pool of four threads the server owns.
 */
public record ServerOptions(String bindAddress, int port, Map<String, String> tokens,
                            Optional<ExecutorService> runExecutor, int runThreads, int requestThreads,
                            int maxBodyBytes, Duration streamPollInterval, Duration runStartWait) {
    /** The largest request body accepted by default: 64 KiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    /**
     * Checks the options; every problem is a {@link ConciergeException} of kind
     * {@link Kind#BAD_REQUEST} whose message says which value is out of range.
     *
     * @param bindAddress        the address to listen on: a host name or IP literal
     * @param port               the port to listen on; 0 takes any free port
     * @param tokens             bearer token secret to the approver name it acts as, in the order given
     * @param runExecutor        the host's executor that runs jobs (never shut down by the server), or
     *                           empty for a pool the server owns
     * @param runThreads         how many jobs the server's own pool runs at once, 1 to 64
     * @param requestThreads     how many requests are handled at once (each open event stream holds one),
     *                           2 to 1024
     * @param maxBodyBytes       the largest request body accepted (larger ones are answered 413), 1 KiB to
     *                           16 MiB
     * @param streamPollInterval how often an event stream looks for new events, 10 ms to 10 s
     * @param runStartWait       how long {@code POST /api/jobs/{id}/run} waits for the run to start (or to be
     *                           refused) before it answers 202 anyway, 0 to 5 minutes
     */
    public ServerOptions {
        Objects.requireNonNull(bindAddress, "bindAddress");
        tokens = Collections.unmodifiableMap(new LinkedHashMap<>(tokens));
        Objects.requireNonNull(runExecutor, "runExecutor");
        Objects.requireNonNull(streamPollInterval, "streamPollInterval");
        Objects.requireNonNull(runStartWait, "runStartWait");
        require(port >= 0 && port <= 65535, "port must be from 0 to 65535, got " + port);
        require(!bindAddress.isEmpty(), "the bind address is empty: give a host name or an IP address");
        require(runThreads >= 1 && runThreads <= 64, "run threads must be from 1 to 64, got " + runThreads);
        require(requestThreads >= 2 && requestThreads <= 1024,
                "request threads must be from 2 to 1024, got " + requestThreads);
        require(maxBodyBytes >= 1024 && maxBodyBytes <= 16 * 1024 * 1024,
                "the body limit must be from 1 KiB to 16 MiB, got " + maxBodyBytes);
        require(streamPollInterval.compareTo(Duration.ofMillis(10)) >= 0
                        && streamPollInterval.compareTo(Duration.ofSeconds(10)) <= 0,
                "the stream poll interval must be from 10 ms to 10 s, got " + streamPollInterval);
        require(!runStartWait.isNegative() && runStartWait.compareTo(Duration.ofMinutes(5)) <= 0,
                "the run start wait must be from 0 to 5 minutes, got " + runStartWait);
    }

    /**
     * The defaults: loopback, any free port, no tokens.
     *
     * @return the default options
     */
    public static ServerOptions defaults() {
        return builder().build();
    }

    /**
     * Starts a builder holding the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these options, for a changed copy.
     *
     * @return a builder holding these options
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.bindAddress = bindAddress;
        b.port = port;
        b.tokens.putAll(tokens);
        b.runExecutor = runExecutor.orElse(null);
        b.runThreads = runThreads;
        b.requestThreads = requestThreads;
        b.maxBodyBytes = maxBodyBytes;
        b.streamPollInterval = streamPollInterval;
        b.runStartWait = runStartWait;
        return b;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new ConciergeException(Kind.BAD_REQUEST, message);
        }
    }

    /** Collects options; {@link #build()} checks them. */
    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port;
        private final Map<String, String> tokens = new LinkedHashMap<>();
        private ExecutorService runExecutor;
        private int runThreads = 4;
        private int requestThreads = 32;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Duration streamPollInterval = Duration.ofMillis(200);
        private Duration runStartWait = Duration.ofSeconds(10);

        private Builder() {
        }

        /**
         * The address to listen on (default {@code 127.0.0.1}). Any address that is not a
         * loopback address needs at least one token.
         *
         * @param value a host name or IP literal
         * @return this builder
         */
        public Builder bindAddress(String value) {
            bindAddress = Objects.requireNonNull(value, "bindAddress").trim();
            return this;
        }

        /**
         * The port to listen on (default 0: any free port).
         *
         * @param value 0 to 65535
         * @return this builder
         */
        public Builder port(int value) {
            port = value;
            return this;
        }

        /**
         * Lets in requests bearing {@code secret}; their approvals are recorded as {@code approver}.
         *
         * @param secret   the bearer token
         * @param approver the approver name it acts as
         * @return this builder
         */
        public Builder token(String secret, String approver) {
            if (secret == null || secret.isBlank() || secret.chars().anyMatch(c -> c <= ' ' || c == 127)) {
                throw new ConciergeException(Kind.BAD_REQUEST,
                        "a token must be non-empty printable text without spaces: --token NAME=SECRET");
            }
            if (approver == null || approver.isBlank()) {
                throw new ConciergeException(Kind.BAD_REQUEST, "a token needs an approver name: --token NAME=SECRET");
            }
            String previous = tokens.putIfAbsent(secret, approver.trim());
            if (previous != null && !previous.equals(approver.trim())) {
                throw new ConciergeException(Kind.BAD_REQUEST,
                        "the same token is given for two approvers (" + previous + ", " + approver.trim()
                                + "): give each approver a token of their own");
            }
            return this;
        }

        /**
         * Adds a token written as the command line takes it: {@code NAME=SECRET}.
         *
         * @param nameEqualsSecret the approver name, {@code =}, the token
         * @return this builder
         */
        public Builder tokenArgument(String nameEqualsSecret) {
            int eq = nameEqualsSecret == null ? -1 : nameEqualsSecret.indexOf('=');
            if (eq <= 0 || eq == nameEqualsSecret.length() - 1) {
                throw new ConciergeException(Kind.BAD_REQUEST,
                        "a token is written NAME=SECRET (e.g. --token alice=5f2c...), got '"
                                + (nameEqualsSecret == null ? "" : nameEqualsSecret.replaceAll("=.*", "=...")) + "'");
            }
            return token(nameEqualsSecret.substring(eq + 1), nameEqualsSecret.substring(0, eq));
        }

        /**
         * Runs jobs on the host's executor instead of a pool of the server's own; the server
         * never shuts it down.
         *
         * @param value the executor
         * @return this builder
         */
        public Builder runExecutor(ExecutorService value) {
            runExecutor = Objects.requireNonNull(value, "runExecutor");
            return this;
        }

        /**
         * How many jobs the server's own pool runs at once (default 4).
         *
         * @param value 1 to 64
         * @return this builder
         */
        public Builder runThreads(int value) {
            runThreads = value;
            return this;
        }

        /**
         * How many requests are handled at once (default 32); each open event stream holds one.
         *
         * @param value 2 to 1024
         * @return this builder
         */
        public Builder requestThreads(int value) {
            requestThreads = value;
            return this;
        }

        /**
         * The largest request body accepted (default 64 KiB).
         *
         * @param value 1 KiB to 16 MiB
         * @return this builder
         */
        public Builder maxBodyBytes(int value) {
            maxBodyBytes = value;
            return this;
        }

        /**
         * How often an event stream looks for new events (default 200 ms).
         *
         * @param value 10 ms to 10 s
         * @return this builder
         */
        public Builder streamPollInterval(Duration value) {
            streamPollInterval = Objects.requireNonNull(value, "streamPollInterval");
            return this;
        }

        /**
         * How long a run request waits for the run to start before answering 202 (default 10 s).
         *
         * @param value 0 to 5 minutes
         * @return this builder
         */
        public Builder runStartWait(Duration value) {
            runStartWait = Objects.requireNonNull(value, "runStartWait");
            return this;
        }

        /**
         * Checks the options and builds them.
         *
         * @return the options
         */
        public ServerOptions build() {
            return new ServerOptions(bindAddress, port, tokens, Optional.ofNullable(runExecutor), runThreads,
                    requestThreads, maxBodyBytes, streamPollInterval, runStartWait);
        }
    }
}
