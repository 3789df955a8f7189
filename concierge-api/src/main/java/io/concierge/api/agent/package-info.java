/**
 * Agents: long-running workers that take approved jobs from a workspace's queue and run them,
 * many per store and across machines ({@code bit agent}). {@link io.concierge.api.agent.Agent}
 * is one of them, {@link io.concierge.api.agent.AgentOptions} says how it works,
 * {@link io.concierge.api.agent.AgentListener} hears what it does, and
 * {@link io.concierge.api.agent.AgentStatus} is what every agent says about itself.
 */
package io.concierge.api.agent;
