/**
 * The {@code db.backup} worker: consistent online SQLite backups ({@code VACUUM INTO}),
 * compressed, verified by restoring them, and described by a JSON manifest.
 */
package io.concierge.workers.db;
