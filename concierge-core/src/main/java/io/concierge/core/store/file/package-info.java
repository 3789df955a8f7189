/**
 * The file store: the workspace folder as DESIGN.md lays it out, behind the
 * {@link io.concierge.core.store.Store} interfaces. Records are the files people read and scripts
 * grep; cross-process atomicity comes from the workspace's file locks. The queue's leases and the
 * agents' registry live under {@code .concierge/} (rebuildable state): {@code leases/<job>.json},
 * {@code agents/<id>.json} and the wake-up file {@code queue/signal}.
 */
package io.concierge.core.store.file;
