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
 * How a {@link ConciergeServer} listens and whom it lets in. Immutable; make one with
 * {@link #builder()} or change a copy with {@link #newBuilder()}.
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
public final class ServerOptions {
    /** The largest request body accepted by default: 64 KiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    private final String bindAddress;
    private final int port;
    private final Map<String, String> tokens;
    private final ExecutorService runExecutor;
    private final int runThreads;
    private final int requestThreads;
    private final int maxBodyBytes;
    private final Duration streamPollInterval;
    private final Duration runStartWait;

    private ServerOptions(Builder b) {
        bindAddress = b.bindAddress;
        port = b.port;
        tokens = Collections.unmodifiableMap(new LinkedHashMap<>(b.tokens));
        runExecutor = b.runExecutor;
        runThreads = b.runThreads;
        requestThreads = b.requestThreads;
        maxBodyBytes = b.maxBodyBytes;
        streamPollInterval = b.streamPollInterval;
        runStartWait = b.runStartWait;
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
     * A builder holding these options, for a modified copy.
     *
     * @return a builder holding these options
     */
    public Builder newBuilder() {
        Builder b = new Builder();
        b.bindAddress = bindAddress;
        b.port = port;
        b.tokens.putAll(tokens);
        b.runExecutor = runExecutor;
        b.runThreads = runThreads;
        b.requestThreads = requestThreads;
        b.maxBodyBytes = maxBodyBytes;
        b.streamPollInterval = streamPollInterval;
        b.runStartWait = runStartWait;
        return b;
    }

    /**
     * The address to listen on: a host name or IP literal.
     *
     * @return the bind address
     */
    public String bindAddress() {
        return bindAddress;
    }

    /**
     * The port to listen on; 0 takes any free port.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The bearer tokens that are let in, each mapped to the approver name it acts as.
     *
     * @return token secret to approver name, in the order given
     */
    public Map<String, String> tokens() {
        return tokens;
    }

    /**
     * The executor that runs jobs, when the host supplies one (the server does not shut it down).
     *
     * @return the host's executor, or empty when the server owns its own pool
     */
    public Optional<ExecutorService> runExecutor() {
        return Optional.ofNullable(runExecutor);
    }

    /**
     * How many jobs the server's own pool runs at once (when no executor is supplied).
     *
     * @return the number of run threads
     */
    public int runThreads() {
        return runThreads;
    }

    /**
     * How many requests are handled at once; each open event stream holds one.
     *
     * @return the number of request threads
     */
    public int requestThreads() {
        return requestThreads;
    }

    /**
     * The largest request body accepted; larger ones are answered 413.
     *
     * @return the limit in bytes
     */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * How often an event stream looks for new events.
     *
     * @return the poll interval
     */
    public Duration streamPollInterval() {
        return streamPollInterval;
    }

    /**
     * How long {@code POST /api/jobs/{id}/run} waits for the run to start (or to be refused)
     * before it answers 202 anyway.
     *
     * @return the wait
     */
    public Duration runStartWait() {
        return runStartWait;
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
            return new ServerOptions(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new ConciergeException(Kind.BAD_REQUEST, message);
            }
        }
    }
}
