package io.concierge.core.store;

import java.util.List;

/** The agents taking work from this store, as their heartbeats describe them. */
public interface AgentRegistry {

    /**
     * Records an agent's heartbeat (and everything it says about itself).
     *
     * @param agent the agent's current description
     */
    void heartbeat(AgentInfo agent);

    /**
     * Every agent that has not signed off, by id; stale ones (old heartbeats) included, so a
     * caller can tell a dead agent.
     *
     * @return the agents
     */
    List<AgentInfo> list();

    /**
     * Signs an agent off (it stopped cleanly).
     *
     * @param agentId the agent
     */
    void remove(String agentId);
}
