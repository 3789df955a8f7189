package io.concierge.core.run;

import io.concierge.api.failure.NotFoundException;
import io.concierge.api.worker.Worker;
import io.concierge.core.pkg.SemVer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The installed workers: those given explicitly (which win), then those found with
 * {@link ServiceLoader} in the given class loaders (the class path and {@code plugins/} jars).
 * Discovery happens on first use.
 */
public final class Workers {
    private final List<Worker> explicit;
    private final List<ClassLoader> classLoaders;
    private final boolean discover;
    private volatile Map<String, List<Worker>> byId;

    /** Creates the registry. */
    public Workers(List<Worker> explicit, List<ClassLoader> classLoaders, boolean discover) {
        this.explicit = List.copyOf(explicit);
        this.classLoaders = List.copyOf(classLoaders);
        this.discover = discover;
    }

    /** Every worker, by id then version. */
    public List<Worker> all() {
        List<Worker> all = new ArrayList<>();
        index().values().forEach(all::addAll);
        all.sort(Comparator.comparing((Worker w) -> w.descriptor().id())
                .thenComparing(w -> w.descriptor().version(), SemVer::compare));
        return all;
    }

    /** Whether a worker with this id exists in any version. */
    public boolean has(String id) {
        return index().containsKey(id);
    }

    /** The highest version of worker {@code id} that satisfies {@code version} (same major, at least as high). */
    public Worker find(String id, String version) {
        List<Worker> candidates = index().getOrDefault(id, List.of());
        return candidates.stream()
                .filter(w -> SemVer.satisfies(w.descriptor().version(), version))
                .max(Comparator.comparing(w -> w.descriptor().version(), SemVer::compare))
                .orElseThrow(() -> new NotFoundException(candidates.isEmpty()
                        ? "no worker '" + id + "' is installed; put its jar in the workspace's plugins/ folder or on the class path"
                        : "worker '" + id + "' " + version + " or a later " + version.split("\\.")[0] + ".x is needed, but only "
                        + candidates.stream().map(w -> w.descriptor().version()).toList() + " is installed"));
    }

    private Map<String, List<Worker>> index() {
        Map<String, List<Worker>> loaded = byId;
        if (loaded == null) {
            synchronized (this) {
                if (byId == null) {
                    byId = load();
                }
                loaded = byId;
            }
        }
        return loaded;
    }

    private Map<String, List<Worker>> load() {
        Map<String, List<Worker>> map = new LinkedHashMap<>();
        for (Worker w : explicit) {
            map.computeIfAbsent(w.descriptor().id(), k -> new ArrayList<>()).add(w);
        }
        if (discover) {
            List<String> seenClasses = new ArrayList<>();
            for (ClassLoader loader : classLoaders) {
                for (Worker w : ServiceLoader.load(Worker.class, loader)) {
                    String id = w.descriptor().id();
                    if (seenClasses.contains(w.getClass().getName()) || explicitHas(id)) {
                        continue;
                    }
                    seenClasses.add(w.getClass().getName());
                    map.computeIfAbsent(id, k -> new ArrayList<>()).add(w);
                }
            }
        }
        return map;
    }

    private boolean explicitHas(String id) {
        return explicit.stream().anyMatch(w -> w.descriptor().id().equals(id));
    }
}
