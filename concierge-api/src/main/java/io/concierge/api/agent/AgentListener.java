package io.concierge.api.agent;

import io.concierge.api.run.Run;

/**
 * Hears what an agent does. Every method has a no-op default, so a listener overrides what it
 * needs and a new kind of news breaks no one. Called from the agent's threads (several jobs may
 * finish at once); a listener that throws is logged and ignored.
 *
 * <pre>{@code
 * AgentListener printing = new AgentListener() {
 *     public void claimed(String jobId, String packageRef, boolean resumes) { out.println("claimed " + jobId); }
 * };
 * }</pre>
 *
 * @since 0.1.0
 */
public interface AgentListener {

    /** Hears nothing. */
    AgentListener NONE = new AgentListener() {
    };

    /**
     * The agent claimed a job and is about to run it.
     *
     * @param jobId      the job
     * @param packageRef its package, {@code id@version}
     * @param resumes    true when it continues a run whose agent died
     */
    default void claimed(String jobId, String packageRef, boolean resumes) {
    }

    /**
     * A run the agent started has ended (COMPLETED, FAILED or HALTED).
     *
     * @param run the ended run
     */
    default void finished(Run run) {
    }

    /**
     * The agent could not start a job it claimed (an input file it cannot see, an approval that
     * no longer holds): it wrote nothing, released the job for other agents and leaves it alone
     * for a while.
     *
     * @param jobId  the job
     * @param reason why, in one line
     */
    default void skipped(String jobId, String reason) {
    }

    /**
     * The agent's lease on a job was taken over by another holder (this agent was paused or cut
     * off past its lease): it halts its own run of the job and records nothing more for it.
     *
     * @param jobId the job
     */
    default void leaseLost(String jobId) {
    }
}
