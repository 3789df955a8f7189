package io.concierge.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.WorkspaceIoException;
import io.concierge.api.worker.WorkerDescriptor;
import io.concierge.core.codec.Codecs;
import io.concierge.core.workspace.AtomicFiles;
import io.concierge.core.workspace.FileWorkspace;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Finished steps' outputs, kept under {@code .concierge/cache/<key>/} and reused by any job of
 * the workspace whose step has the same key: the worker id and version, the step's params, and
 * its inputs with every input file stood in for by its name and SHA-256. Entries are written to
 * a private folder and renamed into place, so concurrent runs never see half an entry; the whole
 * cache may be deleted at any time.
 */
public final class StepCache {
    private final FileWorkspace workspace;
    private final Codecs codecs;

    /** Creates the cache of {@code workspace}. */
    public StepCache(FileWorkspace workspace) {
        this.workspace = workspace;
        this.codecs = workspace.codecs();
    }

    /** {@code .concierge/cache}. */
    public Path dir() {
        // Beside shared artifacts when artifacts.root is set, so every agent finds every hit.
        return workspace.config().get("artifacts.root").isEmpty() ? workspace.stateDir().resolve("cache")
                : workspace.artifactsRoot().resolve("cache");
    }

    /**
     * The key of a step about to run.
     *
     * @throws InvalidInputException when an input file cannot be read to hash it
     */
    public String key(WorkerDescriptor worker, Map<String, String> inputs, Map<String, String> params) {
        ObjectNode key = codecs.object();
        key.put("worker", worker.id());
        key.put("worker_version", worker.version());
        ObjectNode in = key.putObject("inputs");
        for (Map.Entry<String, String> e : inputs.entrySet()) {
            Path file = fileOrNull(e.getValue());
            if (file != null) {
                in.putObject(e.getKey()).put("file_name", file.getFileName().toString()).put("sha256", hash(e.getKey(), file));
            } else {
                in.put(e.getKey(), e.getValue());
            }
        }
        ObjectNode p = key.putObject("params");
        params.forEach(p::put);
        return codecs.hash(key);
    }

    private static String hash(String input, Path file) {
        try {
            return Codecs.sha256(file);
        } catch (IOException e) {
            throw new InvalidInputException("input " + input + ": file " + file + " cannot be read ("
                    + WorkspaceIoException.reason(e) + "); make it readable, or run with --no-cache to let the worker try", e);
        }
    }

    private Path fileOrNull(String value) {
        if (value == null || value.isEmpty() || value.indexOf('\0') >= 0) {
            return null;
        }
        try {
            Path path = workspace.root().getFileSystem().getPath(value);
            return path.isAbsolute() && Files.isRegularFile(path) ? path : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A cached entry: output file names by output name, and the job that produced them. */
    public record Entry(Path dir, Map<String, String> outputs, String sourceJob) {
    }

    /** The entry for {@code key}, if one is complete. */
    public Optional<Entry> find(String key) {
        Path entryDir = dir().resolve(key);
        Path meta = entryDir.resolve("entry.json");
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        try {
            JsonNode node = codecs.readJson(meta, "cache entry");
            Map<String, String> outputs = new LinkedHashMap<>();
            node.path("outputs").fields().forEachRemaining(f -> outputs.put(f.getKey(), f.getValue().asText()));
            for (String name : outputs.values()) {
                // An edited entry.json must not name a file outside the folder it is restored into.
                if (io.concierge.api.worker.OutputNames.problem(name).isPresent()
                        || !Files.isRegularFile(entryDir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                    return Optional.empty();
                }
            }
            return Optional.of(new Entry(entryDir, outputs, node.path("job_id").asText("")));
        } catch (RuntimeException e) {
            return Optional.empty(); // a damaged entry is a miss; the next success replaces it
        }
    }

    /** Copies an entry's files into {@code folder} (a step's staging folder); returns them by output name. */
    public Map<String, Path> restore(Entry entry, Path folder) throws IOException {
        Map<String, Path> restored = new LinkedHashMap<>();
        for (Map.Entry<String, String> output : entry.outputs().entrySet()) {
            Path target = folder.resolve(output.getValue());
            Files.copy(entry.dir().resolve(output.getValue()), target, StandardCopyOption.REPLACE_EXISTING);
            restored.put(output.getKey(), target);
        }
        return restored;
    }

    /** Stores a finished step's outputs under {@code key}, unless another run already did. */
    public void store(String key, String jobId, Map<String, Path> outputs, Instant at) {
        Path finalDir = dir().resolve(key);
        if (Files.exists(finalDir)) {
            return;
        }
        Path temp = dir().resolve(".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createDirectories(temp);
            ObjectNode meta = codecs.object();
            meta.put("job_id", jobId);
            meta.put("stored_at", at.toString());
            ObjectNode names = meta.putObject("outputs");
            for (Map.Entry<String, Path> e : outputs.entrySet()) {
                String name = e.getValue().getFileName().toString();
                Files.copy(e.getValue(), temp.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                names.put(e.getKey(), name);
            }
            AtomicFiles.write(temp.resolve("entry.json"), codecs.writePrettyJson(meta));
            try {
                Files.move(temp, finalDir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, finalDir);
            }
        } catch (FileAlreadyExistsException e) {
            // another run stored the same step first; theirs is as good as ours
        } catch (IOException | WorkspaceIoException e) {
            // the cache is an optimisation: failing to fill it must not fail the job
        } finally {
            deleteTree(temp);
        }
    }

    /** Number of entries and their total size in bytes. */
    public record Stats(long entries, long bytes) {
    }

    /** What the cache holds. */
    public Stats stats() {
        if (!Files.isDirectory(dir())) {
            return new Stats(0, 0);
        }
        long entries;
        long bytes = 0;
        try (Stream<Path> list = Files.list(dir())) {
            entries = list.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        } catch (IOException e) {
            throw new WorkspaceIoException("list the step cache in", dir(), e);
        }
        try (Stream<Path> walk = Files.walk(dir())) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                bytes += Files.size(p);
            }
        } catch (IOException e) {
            throw new WorkspaceIoException("measure the step cache in", dir(), e);
        }
        return new Stats(entries, bytes);
    }

    /** Deletes every entry; returns what was freed. */
    public Stats prune() {
        Stats before = stats();
        deleteTree(dir());
        return before;
    }

    /** Deletes a folder of rebuildable state and everything in it; failures are ignored. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // rebuildable state only
        }
    }
}
