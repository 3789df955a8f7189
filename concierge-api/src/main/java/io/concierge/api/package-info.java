/**
 * Concierge's public API: open a workspace with {@link io.concierge.api.Concierge#open(java.nio.file.Path)}
 * and drive the flow text → intent → job → plan → approval → run.
 */
package io.concierge.api;
