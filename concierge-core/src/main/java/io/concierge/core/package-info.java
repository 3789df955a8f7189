/**
 * The implementation behind {@link io.concierge.api.Concierge}. Everything in
 * {@code io.concierge.core} and its subpackages is internal: it carries no compatibility promise,
 * and host applications code against {@code io.concierge.api} only.
 */
package io.concierge.core;
