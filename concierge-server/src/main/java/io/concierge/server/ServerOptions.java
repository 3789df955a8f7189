package io.concierge.server;

import io.concierge.api.failure.ConciergeException;
import io.concierge.api.failure.ConciergeException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * <p>Tokens on the command line are visible to every user of the machine ({@code ps}); give them
 * in a file ({@link Builder#tokenFile(Path)}, one {@code NAME=SECRET} a line, readable by its
 * owner only) or in an environment variable ({@link Builder#tokenText(String, String)}) instead.
 *
 * <p>Defaults: bind to {@code 127.0.0.1} on any free port, no tokens (which only a loopback
 * address allows), request bodies up to 64 KiB, runs on a pool of four threads the server owns,
 * request headers within 10 s, idle connections closed after 30 s, at most 512 connections.
 */
public record ServerOptions(String bindAddress, int port, Map<String, String> tokens,
                            Optional<ExecutorService> runExecutor, int runThreads, int requestThreads,
                            int maxBodyBytes, Duration streamPollInterval, Duration runStartWait,
                            Duration headerTimeout, Duration idleTimeout, int maxConnections,
                            Set<String> allowedHosts) {
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
     * @param headerTimeout      how long a connection may take to send a request's headers once it has
     *                           begun, 10 ms to 5 minutes; a slower one is closed
     * @param idleTimeout        how long a connection may stay silent, 10 ms to 1 hour; then it is closed
     * @param maxConnections     how many connections are open at once, 8 to 100,000; beyond that new
     *                           ones wait to be accepted
     * @param allowedHosts       host names (besides loopback names and the bound address) that requests
     *                           may be addressed to, lower case, e.g. the name a reverse proxy forwards
     */
    public ServerOptions {
        Objects.requireNonNull(bindAddress, "bindAddress");
        tokens = Collections.unmodifiableMap(new LinkedHashMap<>(tokens));
        Objects.requireNonNull(runExecutor, "runExecutor");
        Objects.requireNonNull(streamPollInterval, "streamPollInterval");
        Objects.requireNonNull(runStartWait, "runStartWait");
        Objects.requireNonNull(headerTimeout, "headerTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        allowedHosts = Collections.unmodifiableSet(new LinkedHashSet<>(allowedHosts));
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
        require(headerTimeout.compareTo(Duration.ofMillis(10)) >= 0 && headerTimeout.compareTo(Duration.ofMinutes(5)) <= 0,
                "the header timeout must be from 10 ms to 5 minutes, got " + headerTimeout);
        require(idleTimeout.compareTo(Duration.ofMillis(10)) >= 0 && idleTimeout.compareTo(Duration.ofHours(1)) <= 0,
                "the idle timeout must be from 10 ms to 1 hour, got " + idleTimeout);
        require(maxConnections >= 8 && maxConnections <= 100_000,
                "the connection limit must be from 8 to 100000, got " + maxConnections);
        for (String host : allowedHosts) {
            require(host.matches("[a-z0-9.:\\[\\]-]+"), "an allowed host is a host name or address in lower case"
                    + " without a port, such as concierge.internal, got '" + host + "'");
        }
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
        b.headerTimeout = headerTimeout;
        b.idleTimeout = idleTimeout;
        b.maxConnections = maxConnections;
        b.allowedHosts.addAll(allowedHosts);
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
        private Duration headerTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofSeconds(30);
        private int maxConnections = 512;
        private final Set<String> allowedHosts = new LinkedHashSet<>();

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
         * Adds the tokens of a file: one {@code NAME=SECRET} a line; blank lines and lines
         * starting with {@code #} are skipped. On a POSIX file system the file must be readable by
         * its owner only ({@code chmod 600}), as an SSH key must.
         *
         * @param file the token file
         * @return this builder
         * @throws ConciergeException BAD_REQUEST when the file cannot be read, others may read it, or a
         *                            line is not {@code NAME=SECRET}
         */
        public Builder tokenFile(Path file) {
            Objects.requireNonNull(file, "file");
            String text;
            try {
                if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Set<PosixFilePermission> open = EnumSet.copyOf(Files.getPosixFilePermissions(file));
                    open.retainAll(EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ,
                            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE));
                    if (!open.isEmpty()) {
                        throw new ConciergeException(Kind.BAD_REQUEST, "the token file " + file
                                + " can be read or written by other users: run chmod 600 " + file);
                    }
                }
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ConciergeException(Kind.BAD_REQUEST, "cannot read the token file " + file + " ("
                        + e.getClass().getSimpleName() + "): give a readable file of NAME=SECRET lines", e);
            }
            return tokenText(file.toString(), text);
        }

        /**
         * Adds tokens written as text, e.g. the value of an environment variable: {@code NAME=SECRET}
         * entries separated by line breaks, spaces or commas; lines starting with {@code #} are skipped.
         *
         * @param source where the text came from, named in error messages (never the text itself)
         * @param text   the entries
         * @return this builder
         * @throws ConciergeException BAD_REQUEST when an entry is not {@code NAME=SECRET}
         */
        public Builder tokenText(String source, String text) {
            Objects.requireNonNull(source, "source");
            int line = 0;
            for (String row : Objects.requireNonNull(text, "text").split("\\R")) {
                line++;
                String trimmed = row.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                for (String entry : trimmed.split("[\\s,]+")) {
                    int eq = entry.indexOf('=');
                    if (eq <= 0 || eq == entry.length() - 1) {
                        throw new ConciergeException(Kind.BAD_REQUEST, "line " + line + " of " + source
                                + " is not NAME=SECRET: write one approver name, '=', and its token");
                    }
                    token(entry.substring(eq + 1), entry.substring(0, eq));
                }
            }
            return this;
        }

        /**
         * Lets requests be addressed to this host name too (besides loopback names and the bound
         * address), e.g. the name under which a reverse proxy or the network reaches the server.
         *
         * @param value a host name or address, without a port
         * @return this builder
         */
        public Builder allowHost(String value) {
            allowedHosts.add(Objects.requireNonNull(value, "allowHost").strip().toLowerCase(Locale.ROOT));
            return this;
        }

        /**
         * How long a connection may take to send a request's headers once it has begun (default
         * 10 s); a slower one, such as a slowloris client trickling bytes, is closed.
         *
         * @param value 10 ms to 5 minutes
         * @return this builder
         */
        public Builder headerTimeout(Duration value) {
            headerTimeout = Objects.requireNonNull(value, "headerTimeout");
            return this;
        }

        /**
         * How long a connection may stay silent before it is closed (default 30 s). An event stream
         * is never silent: it sends a comment line well within this time.
         *
         * @param value 10 ms to 1 hour
         * @return this builder
         */
        public Builder idleTimeout(Duration value) {
            idleTimeout = Objects.requireNonNull(value, "idleTimeout");
            return this;
        }

        /**
         * How many connections may be open at once (default 512); beyond that new ones wait in the
         * operating system's queue until one closes.
         *
         * @param value 8 to 100,000
         * @return this builder
         */
        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
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
                    requestThreads, maxBodyBytes, streamPollInterval, runStartWait, headerTimeout, idleTimeout,
                    maxConnections, allowedHosts);
        }
    }
}
