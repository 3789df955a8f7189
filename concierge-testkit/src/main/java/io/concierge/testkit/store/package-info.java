/**
 * {@link io.concierge.testkit.store.StoreContract}: the tests every
 * {@link io.concierge.core.store.Store} passes, to run against the file store, the PostgreSQL
 * store or a host's own store by subclassing it once.
 */
package io.concierge.testkit.store;
