package io.concierge.api;

import io.concierge.api.event.Event;
import io.concierge.api.worker.Worker;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Settings for opening a {@link Concierge}: a record with a {@link #builder(Path) builder} and
 * {@link #toBuilder()}, as every options value of Concierge.
 *
 * <pre>{@code
 * ConciergeOptions options = ConciergeOptions.builder(Path.of("/srv/concierge"))
 *         .defaultApprover("ci")
 *         .environment("staging")
 *         .build();
 * try (Concierge concierge = Concierge.open(options)) { ... }
 * Concierge other = options.toBuilder().environment("prod").open();   // a changed copy, opened
 * }</pre>
 *
 * @param workspace        the workspace folder (on any {@link java.nio.file.FileSystem})
 * @param createIfMissing  initialise the workspace when the folder does not exist or is empty
 * @param clock            the clock for timestamps and ids
 * @param ids              the id generator, or empty for the default time-ordered one
 * @param workingDirectory where relative file paths in inputs are resolved (same file system)
 * @param defaultApprover  who approves when no approver is named
 * @param workers          workers that take the place of discovered ones with the same id
 * @param discoverWorkers  whether to find workers (with {@link java.util.ServiceLoader}) and built-in task
 *                         packages on the class path and in {@code plugins/}; when off, only the given
 *                         workers and the workspace's own packages are used
 * @param eventListener    called with every event written, on the writing thread, after the event is on
 *                         disk; an exception it throws is logged and counted, and never breaks the run
 * @param environment      the configuration profile: {@code concierge.<environment>.json} overlays
 *                         {@code concierge.json} when it exists (empty: no overlay)
 * @param pluginDirs       more folders of plugin jars, besides the workspace's {@code plugins/}
 * @param keyRing          the keys approvals are signed with and verified against, kept outside the
 *                         workspace; empty: the folder {@code $CONCIERGE_HOME}, else
 *                         {@code ~/.config/concierge}, on the workspace's file system
 *
 * @since 0.1.0
 */
public record ConciergeOptions(Path workspace, boolean createIfMissing, Clock clock, Optional<IdGenerator> ids,
                               Path workingDirectory, String defaultApprover, List<Worker> workers,
                               boolean discoverWorkers, Consumer<Event> eventListener, String environment,
                               List<Path> pluginDirs, Optional<io.concierge.api.trust.KeyRing> keyRing) {
    /**
     * Validates and copies.
     *
     * @param workspace the workspace folder (on any {@link java.nio.file.FileSystem})
     * @param createIfMissing initialise the workspace when the folder does not exist or is empty
     * @param clock the clock for timestamps and ids
     * @param ids the id generator, or empty for the default time-ordered one
     * @param workingDirectory where relative file paths in inputs are resolved (same file system)
     * @param defaultApprover who approves when no approver is named
     * @param workers workers that take the place of discovered ones with the same id
     * @param discoverWorkers whether to find workers and built-in packages on the class path and in {@code plugins/}
     * @param eventListener called with every event written, on the writing thread
     * @param environment the configuration profile whose {@code concierge.<environment>.json} overlays the configuration
     * @param pluginDirs more folders of plugin jars
     * @param keyRing the key ring, or empty for the default folder
     */
    public ConciergeOptions {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(defaultApprover, "defaultApprover");
        workers = List.copyOf(workers);
        Objects.requireNonNull(eventListener, "eventListener");
        environment = Objects.requireNonNullElse(environment, "");
        pluginDirs = List.copyOf(pluginDirs);
        Objects.requireNonNull(keyRing, "keyRing");
        if (!environment.isEmpty() && !environment.matches("[a-z0-9][a-z0-9_-]{0,39}")) {
            throw new io.concierge.api.failure.InvalidInputException("environment name '" + environment
                    + "' must be lower case letters, digits, '-' and '_' (e.g. dev, staging, prod)");
        }
    }

    /**
     * Starts options for the workspace at {@code workspace}, with defaults fit for a host
     * application: the system clock, the process's working directory, the OS user as approver,
     * workers discovered, the folder created when missing.
     *
     * @param workspace the workspace folder, on any file system
     * @return a builder with the defaults
     */
    public static Builder builder(Path workspace) {
        return new Builder(Objects.requireNonNull(workspace, "workspace"));
    }

    /**
     * A builder holding these options, for a changed copy.
     *
     * @return a builder holding these options
     */
    public Builder toBuilder() {
        Builder b = new Builder(workspace);
        b.createIfMissing = createIfMissing;
        b.clock = clock;
        b.ids = ids.orElse(null);
        b.workingDirectory = workingDirectory;
        b.defaultApprover = defaultApprover;
        b.workers.addAll(workers);
        b.discoverWorkers = discoverWorkers;
        b.eventListener = eventListener;
        b.environment = environment;
        b.pluginDirs.addAll(pluginDirs);
        b.keyRing = keyRing.orElse(null);
        return b;
    }

    /** Collects the options; {@link #build()} checks them, {@link #open()} opens the workspace with them. */
    public static final class Builder {
        private final Path workspace;
        private boolean createIfMissing = true;
        private Clock clock = Clock.systemUTC();
        private IdGenerator ids;
        private Path workingDirectory;
        private String defaultApprover = System.getProperty("user.name", "unknown");
        private final List<Worker> workers = new ArrayList<>();
        private boolean discoverWorkers = true;
        private Consumer<Event> eventListener = event -> { };
        private String environment = "";
        private final List<Path> pluginDirs = new ArrayList<>();
        private io.concierge.api.trust.KeyRing keyRing;

        private Builder(Path workspace) {
            this.workspace = workspace;
        }

        /**
         * Whether to initialise a missing or empty workspace folder (default true).
         *
         * @param value true to initialise a missing or empty folder
         * @return this builder
         */
        public Builder createIfMissing(boolean value) {
            createIfMissing = value;
            return this;
        }

        /**
         * The clock for timestamps and ids.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        /**
         * The id generator (default: time-ordered, random suffix).
         *
         * @param value the id generator
         * @return this builder
         */
        public Builder ids(IdGenerator value) {
            ids = value;
            return this;
        }

        /**
         * Where relative input paths resolve (default: the process's working directory).
         *
         * @param value the folder, on the workspace's file system
         * @return this builder
         */
        public Builder workingDirectory(Path value) {
            workingDirectory = value;
            return this;
        }

        /**
         * Who approves when no approver is named (default: the OS user).
         *
         * @param value the approver's name
         * @return this builder
         */
        public Builder defaultApprover(String value) {
            defaultApprover = value;
            return this;
        }

        /**
         * Adds a worker that takes the place of any discovered worker with the same id.
         *
         * @param value the worker
         * @return this builder
         */
        public Builder worker(Worker value) {
            workers.add(value);
            return this;
        }

        /**
         * Whether to discover workers through ServiceLoader and {@code plugins/} (default true).
         *
         * @param value true to discover workers
         * @return this builder
         */
        public Builder discoverWorkers(boolean value) {
            discoverWorkers = value;
            return this;
        }

        /**
         * Called with every event written.
         *
         * @param value the listener
         * @return this builder
         */
        public Builder eventListener(Consumer<Event> value) {
            eventListener = value;
            return this;
        }

        /**
         * Adds a folder of plugin jars to load besides the workspace's {@code plugins/}.
         *
         * @param value a folder of jars
         * @return this builder
         */
        public Builder pluginDirectory(Path value) {
            pluginDirs.add(value);
            return this;
        }

        /**
         * The configuration profile (e.g. {@code dev}): {@code concierge.<name>.json} beside
         * {@code concierge.json} overlays it. Default: none.
         *
         * @param value the environment's name
         * @return this builder
         */
        public Builder environment(String value) {
            environment = value;
            return this;
        }

        /**
         * The key ring approvals are signed with and verified against (default: the folder
         * {@code $CONCIERGE_HOME}, else {@code ~/.config/concierge}).
         *
         * @param value the key ring, kept outside the workspace
         * @return this builder
         */
        public Builder keyRing(io.concierge.api.trust.KeyRing value) {
            keyRing = value;
            return this;
        }

        /**
         * Checks the options and builds them.
         *
         * @return the options
         */
        public ConciergeOptions build() {
            Path cwd = workingDirectory != null ? workingDirectory
                    : workspace.getFileSystem().getPath("").toAbsolutePath();
            return new ConciergeOptions(workspace, createIfMissing, clock, Optional.ofNullable(ids), cwd,
                    defaultApprover, workers, discoverWorkers, eventListener, environment, pluginDirs,
                    Optional.ofNullable(keyRing));
        }

        /**
         * Opens the workspace with these options: {@code Concierge.open(build())}.
         *
         * @return the open Concierge; close it when done
         */
        public Concierge open() {
            return Concierge.open(build());
        }
    }
}
