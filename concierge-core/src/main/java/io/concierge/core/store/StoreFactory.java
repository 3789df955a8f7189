package io.concierge.core.store;

/**
 * Opens a store of one kind; found with {@link java.util.ServiceLoader}, so a store module (such
 * as {@code concierge-postgres}) only has to be on the class path to be chosen by
 * {@code "store": {"kind": ...}}.
 */
public interface StoreFactory {

    /**
     * The kind this factory opens, as {@code store.kind} names it.
     *
     * @return e.g. {@code postgres}
     */
    String kind();

    /**
     * Opens (and, where needed, migrates) the store.
     *
     * @param settings the store section of the configuration
     * @return the open store
     * @throws io.concierge.api.failure.ConciergeException with a message that says what to do when
     *         the store cannot be reached or its settings are wrong
     */
    Store open(StoreSettings settings);
}
