package io.concierge.core.store;

/**
 * Everything Concierge persists about its work, behind one interface: job records, write-once
 * documents (intents, plans, manifests, seals), append-only event logs, the queue of approved work
 * with its leases, and the registry of agents. Artifacts are files in every store (under the
 * workspace, or a shared {@code artifacts.root}).
 *
 * <p>Implementations are safe for use by many threads and, through the underlying files or
 * database, by many processes at once. Every store passes the same contract test suite
 * ({@code io.concierge.testkit.store.StoreContract} in concierge-testkit).
 */
public interface Store extends AutoCloseable {

    /**
     * The kind of store, as configured in {@code store.kind}: {@code file} or {@code postgres}.
     *
     * @return the kind
     */
    String kind();

    /**
     * Where the records are, for people (a folder, or a JDBC URL without credentials).
     *
     * @return the location
     */
    String location();

    /** @return the job records */
    JobRecords jobs();

    /** @return intents, plans, manifests and seals */
    DocumentRecords documents();

    /** @return the event logs */
    LogRecords logs();

    /** @return the queue of approved work and its leases */
    WorkQueue queue();

    /** @return the agents that take work from the queue */
    AgentRegistry agents();

    /** Releases connections and watches; records stay. */
    @Override
    void close();
}
