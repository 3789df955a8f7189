package io.concierge.testkit.store;

import io.concierge.core.codec.Codecs;
import io.concierge.core.store.Store;
import io.concierge.core.store.file.FileStore;
import io.concierge.core.workspace.FileWorkspace;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the file store: the workspace folder itself. */
class FileStoreContractTest extends StoreContract {
    @TempDir
    Path tmp;
    private int count;
    private final Map<Store, Path> roots = new IdentityHashMap<>();

    @Override
    protected Store newStore() {
        Path root = tmp.resolve("ws" + ++count);
        Store store = new FileStore(FileWorkspace.open(root, new Codecs(), true, ""));
        roots.put(store, root);
        return store;
    }

    @Override
    protected Store openAgain(Store store) {
        Path root = roots.get(store);
        Store again = new FileStore(FileWorkspace.open(root, new Codecs(), false, ""));
        roots.put(again, root);
        return again;
    }
}
