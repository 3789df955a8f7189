/**
 * Where Concierge keeps its records: the {@link io.concierge.core.store.Store} interface and the
 * value types its implementations exchange. Two implementations exist: the file workspace (the
 * default, the layout DESIGN.md describes) and PostgreSQL ({@code concierge-postgres}). Stores keep
 * records in their canonical text (job YAML, plan YAML, JSON Lines events), so the hash chains
 * and signatures that protect them mean the same in every store.
 */
package io.concierge.core.store;
