package io.concierge.core.store;

import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.core.store.file.FileStore;
import io.concierge.core.workspace.Config;
import io.concierge.core.workspace.FileWorkspace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Opens the store a workspace's configuration names: {@code store.kind} {@code file} (the
 * default) is the workspace itself; any other kind comes from a {@link StoreFactory} on the
 * class path.
 */
public final class Stores {
    /** The keys of the {@code store} section, without the prefix. */
    private static final List<String> OPTIONS = List.of("url", "user", "password_env", "password_file", "schema", "pool_size");

    private Stores() {
    }

    /**
     * Opens the configured store.
     *
     * @param workspace   the workspace whose configuration names the store
     * @param environment the process environment (for {@code password_env})
     * @param loader      where store factories are looked up
     * @return the open store
     */
    public static Store open(FileWorkspace workspace, Map<String, String> environment, ClassLoader loader) {
        Config config = workspace.config();
        String kind = config.get("store.kind");
        if (kind.isEmpty() || kind.equals("file")) {
            return new FileStore(workspace);
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String key : OPTIONS) {
            options.put(key, config.get("store." + key));
        }
        StoreSettings settings = new StoreSettings(kind, workspace.root(), options, environment);
        String location = options.get("url").replaceFirst("^jdbc:", "").replaceFirst("//[^@/]*@", "//");
        // Opened on first use: commands that only read or fix the configuration (bit config set
        // store.kind file) work while the store is unreachable or misconfigured.
        return new LazyStore(kind, location.isEmpty() ? kind : location, () -> factory(kind, loader).open(settings));
    }

    private static StoreFactory factory(String kind, ClassLoader loader) {
        List<String> kinds = new ArrayList<>(List.of("file"));
        for (StoreFactory factory : ServiceLoader.load(StoreFactory.class, loader)) {
            if (factory.kind().equals(kind)) {
                return factory;
            }
            kinds.add(factory.kind());
        }
        throw new InvalidWorkspaceException("store.kind is '" + kind + "' but no store of that kind is installed (known: "
                + String.join(", ", kinds) + "); put its module (e.g. concierge-postgres) on the class path, "
                + "or set it back with: bit config set store.kind file");
    }
}
