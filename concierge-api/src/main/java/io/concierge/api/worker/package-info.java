/**
 * The worker plugin contract: {@link io.concierge.api.worker.Worker}, the
 * {@link io.concierge.api.worker.WorkerContext} it runs in, and what it returns.
 */
package io.concierge.api.worker;
