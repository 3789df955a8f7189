/**
 * The file store: the workspace layout of DESIGN.md as an implementation of
 * {@link io.concierge.core.store.Store}. Records are the files people read and scripts grep;
 * cross-process atomicity comes from the workspace's file locks.
 */
package io.concierge.core.store.file;
