package io.concierge.api;

import io.concierge.api.event.Event;
import io.concierge.api.worker.Worker;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Settings for opening a {@link Concierge}; build them with {@link Concierge#builder(Path)}.
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
 */
public record ConciergeOptions(Path workspace, boolean createIfMissing, Clock clock, Optional<IdGenerator> ids,
                               Path workingDirectory, String defaultApprover, List<Worker> workers,
                               boolean discoverWorkers, Consumer<Event> eventListener, String environment,
                               List<Path> pluginDirs) {
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
        if (!environment.isEmpty() && !environment.matches("[a-z0-9][a-z0-9_-]{0,39}")) {
            throw new io.concierge.api.failure.InvalidInputException("environment name '" + environment
                    + "' must be lower case letters, digits, '-' and '_' (e.g. dev, staging, prod)");
        }
    }
}
