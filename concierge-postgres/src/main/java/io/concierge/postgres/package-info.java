/**
 * The PostgreSQL store: {@link io.concierge.postgres.PostgresStore}, opened by
 * {@link io.concierge.postgres.PostgresStoreFactory} for {@code "store": {"kind": "postgres"}}.
 * Everything else in this package is its implementation and is not for use outside it.
 */
package io.concierge.postgres;
