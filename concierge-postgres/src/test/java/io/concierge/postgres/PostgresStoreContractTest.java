package io.concierge.postgres;

import io.concierge.core.store.Store;
import io.concierge.testkit.store.StoreContract;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The store contract against the real PostgreSQL on 127.0.0.1:5432: one database for the class,
 * one schema (so a fresh, empty store with its own NOTIFY channel) for each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStoreContractTest extends StoreContract {
    private TestDatabase database;
    private final Map<Store, String> schemas = new IdentityHashMap<>();
    private int count;

    @BeforeAll
    void createDatabase() {
        database = new TestDatabase();
    }

    @AfterAll
    void dropDatabase() {
        database.close();
    }

    @Override
    protected Store newStore() {
        String schema = "contract_" + ++count;
        Store store = PostgresStore.open(database.settings(schema));
        schemas.put(store, schema);
        return store;
    }

    @Override
    protected Store openAgain(Store store) {
        return PostgresStore.open(database.settings(schemas.get(store)));
    }
}
