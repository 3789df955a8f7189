/**
 * The agent: a loop that claims queued jobs from a {@link io.concierge.core.store.WorkQueue},
 * runs them with the workspace's {@link io.concierge.core.run.Runner} under renewed leases,
 * and says what it does through an {@link io.concierge.api.agent.AgentListener}.
 */
package io.concierge.core.agent;
