/**
 * Keys, signatures and seals: what makes approvals and run records unforgeable by someone who
 * can write the workspace but holds no key. See SECURITY.md for the threat model.
 */
package io.concierge.core.trust;
