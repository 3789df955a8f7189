/**
 * Keys that make approvals and run records unforgeable by someone who can only write the
 * workspace: approvers sign what they approve, the runner seals what it ran, and the public
 * keys a process believes are pinned in a {@link io.concierge.api.trust.KeyRing} kept outside
 * the workspace (the way {@code known_hosts} pins hosts).
 */
package io.concierge.api.trust;
