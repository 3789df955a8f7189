package io.concierge.core.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.api.failure.NotFoundException;
import io.concierge.api.failure.WorkspaceIoException;
import io.concierge.api.workspace.ConfigEntry;
import io.concierge.api.workspace.Workspace;
import io.concierge.core.codec.Codecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The workspace folder on its own file system: layout, initialisation, configuration and locks.
 * Every path Concierge touches comes from here, so the same code runs on disk and in memory.
 */
public final class FileWorkspace implements Workspace {
    /** The configuration file's name. */
    public static final String CONFIG_FILE = "concierge.json";
    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    private final Path root;
    private final Codecs codecs;
    private final Set<Path> locksHeldHere = ConcurrentHashMap.newKeySet();
    private final String environment;
    private volatile Config config;

    private FileWorkspace(Path root, Codecs codecs, String environment) {
        this.root = root;
        this.codecs = codecs;
        this.environment = environment;
        this.config = Config.read(codecs, configFile(), overlayFile());
    }

    /**
     * Where artifacts and the step cache live: {@code artifacts.root} when set (a shared mount
     * every agent sees at the same path), otherwise the workspace itself.
     *
     * @return the folder that holds {@code jobs/<id>/artifacts} and {@code cache/}
     */
    public Path artifactsRoot() {
        String shared = config().get("artifacts.root");
        return shared.isEmpty() ? root : root.getFileSystem().getPath(shared);
    }

    /** {@code <artifacts root>/jobs/<jobId>/artifacts}: in the job's folder unless {@code artifacts.root} is set. */
    @Override
    public Path artifactsDir(String jobId) {
        return artifactsRoot().resolve("jobs").resolve(jobId).resolve("artifacts");
    }

    /** {@code manifest.json} beside the job's artifacts folder. */
    public Path manifestFile(String jobId) {
        return artifactsDir(jobId).resolveSibling("manifest.json");
    }

    /** {@code concierge.<env>.json}, or null without an environment. */
    public Path overlayFile() {
        return environment.isEmpty() || environment.equals("default") ? null : root.resolve("concierge." + environment + ".json");
    }

    /**
     * Opens the workspace at {@code root}; initialises it first when asked and the folder is
     * missing or empty. Fails when the folder is not a workspace or its configuration is broken.
     */
    public static FileWorkspace open(Path root, Codecs codecs, boolean createIfMissing, String environment) {
        Path absolute = root.toAbsolutePath().normalize();
        Path configFile = absolute.resolve(CONFIG_FILE);
        if (!Files.exists(configFile)) {
            if (!createIfMissing) {
                if (Files.isDirectory(absolute)) {
                    throw new InvalidWorkspaceException(absolute + " is not a Concierge workspace (no " + CONFIG_FILE
                            + "); initialise it with: bit init --path " + absolute);
                }
                throw new NotFoundException("no workspace at " + absolute + "; create one with: bit init --path " + absolute);
            }
            if (Files.exists(absolute) && !isEmptyDirectory(absolute)) {
                throw new InvalidWorkspaceException(absolute + " exists and is not a Concierge workspace (no " + CONFIG_FILE
                        + "); choose an empty folder or initialise it with: bit init --path " + absolute);
            }
            initialise(absolute, codecs);
        }
        return new FileWorkspace(absolute, codecs, environment);
    }

    /** Creates the layout in {@code root} (which may hold other files) unless it is already a workspace. */
    public static void initialise(Path root, Codecs codecs) {
        Path absolute = root.toAbsolutePath().normalize();
        try {
            if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
                throw new InvalidWorkspaceException(absolute + " is a file, not a folder; choose another path");
            }
            for (String dir : new String[] {"intents", "jobs", "packages", "plugins", ".concierge"}) {
                Files.createDirectories(absolute.resolve(dir));
            }
            Path configFile = absolute.resolve(CONFIG_FILE);
            if (!Files.exists(configFile)) {
                AtomicFiles.write(configFile, codecs.writePrettyJson(Config.defaults(codecs)));
            }
            ConfigSchema.install(absolute);
        } catch (IOException e) {
            throw new InvalidWorkspaceException("cannot create workspace at " + absolute + ": " + e.getMessage(), e);
        }
        Config.read(codecs, absolute.resolve(CONFIG_FILE));
    }

    private static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new WorkspaceIoException("list", dir, e);
        }
    }

    @Override
    public Path root() {
        return root;
    }

    /** The codecs of this workspace. */
    public Codecs codecs() {
        return codecs;
    }

    /** The configuration as last read. */
    public Config config() {
        return config;
    }

    /** Re-reads {@code concierge.json} (after {@code config set}). */
    public void reloadConfig() {
        config = Config.read(codecs, configFile(), overlayFile());
    }

    /**
     * Sets one key of {@code concierge.json} after checking it against its {@link ConfigKey},
     * under the config lock, and returns the entry as it now reads.
     */
    public ConfigEntry setConfig(String key, String value) {
        ConfigKey spec = ConfigKey.find(key).orElseThrow(() -> new InvalidInputException("unknown configuration key '" + key
                + "'; known keys: " + ConfigKey.names()));
        if (key.equals("version")) {
            throw new InvalidInputException("version is set by Concierge, not by hand");
        }
        String checked = spec.check(value == null ? "" : value, "");
        try (FileLock lock = lock("config")) {
            JsonNode current = codecs.readJson(configFile(), "configuration");
            AtomicFiles.write(configFile(), codecs.writePrettyJson(Config.with(current, key, checked, spec)));
            reloadConfig();
        }
        return config().entries().stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
    }

    /** {@code concierge.json}. */
    public Path configFile() {
        return root.resolve(CONFIG_FILE);
    }

    /** {@code intents/}. */
    public Path intentsDir() {
        return root.resolve("intents");
    }

    /** {@code jobs/}. */
    public Path jobsDir() {
        return root.resolve("jobs");
    }

    /** {@code packages/}. */
    public Path packagesDir() {
        return root.resolve("packages");
    }

    /** {@code plugins/}. */
    public Path pluginsDir() {
        return root.resolve("plugins");
    }

    /** {@code .concierge/}: rebuildable state. */
    public Path stateDir() {
        return root.resolve(".concierge");
    }

    /** Takes the named lock, waiting for another process or thread to release it. */
    public FileLock lock(String name) {
        Path file = lockFile(name);
        return FileLock.acquire(file, locksHeldHere, LOCK_WAIT).orElseThrow(() -> new InvalidWorkspaceException(
                "workspace lock " + name + " is still held after " + LOCK_WAIT.toSeconds() + " s by "
                        + describe(FileLock.holder(file)) + "; try again when it is done"));
    }

    /** Takes the named lock only if it is free now. */
    public java.util.Optional<FileLock> tryLock(String name) {
        return FileLock.tryAcquire(lockFile(name), locksHeldHere);
    }

    /** Whether the named lock is held by any process or thread. */
    public boolean isLocked(String name) {
        return FileLock.isHeld(lockFile(name), locksHeldHere);
    }

    /** Who holds the named lock, as its holder described itself. */
    public String lockHolder(String name) {
        return describe(FileLock.holder(lockFile(name)));
    }

    private Path lockFile(String name) {
        return stateDir().resolve("locks").resolve(name + ".lock");
    }

    private static String describe(String holder) {
        return holder.isEmpty() ? "another process" : holder;
    }

    /**
     * Checks that {@code path} lies inside {@code dir} after resolving {@code ..} and, where the
     * file exists, symbolic links; fails naming the path otherwise.
     */
    public static Path requireInside(Path dir, Path path, String what) {
        Path normalized = path.toAbsolutePath().normalize();
        Path base = dir.toAbsolutePath().normalize();
        if (!normalized.startsWith(base)) {
            throw new io.concierge.api.failure.InvalidInputException(what + " " + path + " is outside " + base);
        }
        try {
            if (Files.exists(normalized, LinkOption.NOFOLLOW_LINKS) && Files.exists(base)) {
                Path real = normalized.toRealPath();
                if (!real.startsWith(base.toRealPath())) {
                    throw new io.concierge.api.failure.InvalidInputException(what + " " + path
                            + " leads outside " + base + " through a symbolic link");
                }
            }
        } catch (IOException e) {
            throw new WorkspaceIoException("follow the links of", normalized, e);
        }
        return normalized;
    }
}
