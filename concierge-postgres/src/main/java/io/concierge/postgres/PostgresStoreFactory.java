package io.concierge.postgres;

import io.concierge.core.store.Store;
import io.concierge.core.store.StoreFactory;
import io.concierge.core.store.StoreSettings;

/**
 * Opens {@link PostgresStore}s for {@code "store": {"kind": "postgres", ...}}; found by
 * {@link java.util.ServiceLoader} when this module is on the class path.
 */
public final class PostgresStoreFactory implements StoreFactory {
    static final String KIND = "postgres";

    /** Created by {@link java.util.ServiceLoader}. */
    public PostgresStoreFactory() {
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Store open(StoreSettings settings) {
        return PostgresStore.open(settings);
    }
}
