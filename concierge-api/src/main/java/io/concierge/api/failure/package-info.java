/**
 * One unchecked exception hierarchy, rooted at {@link io.concierge.api.failure.ConciergeException};
 * every subtype carries a one-line message fit for a person and a
 * {@link io.concierge.api.failure.ConciergeException.Kind} fit for a program.
 */
package io.concierge.api.failure;
