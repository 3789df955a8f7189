package io.concierge.api.agent;

import java.time.Duration;

/**
 * A worker that takes approved jobs from the workspace's queue and runs them, until stopped:
 * what {@code bit agent} runs, available to a host in-process.
 *
 * <pre>{@code
 * try (Agent agent = concierge.agent(AgentOptions.builder().concurrency(2).build(), new AgentListener() {
 *         public void finished(Run run) { log.info(run.jobId() + " " + run.status()); }
 *     })) {
 *     Runtime.getRuntime().addShutdownHook(new Thread(agent::stop));
 *     agent.run();                          // blocks until stopped (or idle, with exitWhenIdle)
 * }
 * }</pre>
 *
 * <p>It claims up to {@link AgentOptions#concurrency()} jobs at once, each under a lease that
 * its heartbeat renews; another agent resumes a job whose agent died once the lease lapses. An
 * agent that loses a lease halts that run. It wakes when work is queued (an approval in any
 * process) without polling the queue in a loop.
 *
 * @since 0.1.0
 */
public interface Agent extends AutoCloseable {

    /**
     * This agent's id, as {@code bit agents} lists it.
     *
     * @return the id
     */
    String id();

    /**
     * Takes and runs work in the calling thread until {@link #stop()} is called, or, with
     * {@link AgentOptions#exitWhenIdle()}, until nothing is queued and nothing runs. On the way
     * out it lets running jobs finish for the grace period, halts the rest, releases every lease
     * and signs off. Interrupting the calling thread stops it at once: running jobs are halted
     * without a grace period. An agent runs once.
     *
     * @throws IllegalStateException when it already ran or was closed
     */
    void run();

    /**
     * Asks the agent to stop: it claims nothing more and {@link #run()} returns once running jobs
     * finished or the grace period passed. Returns at once; safe from any thread, repeatedly.
     */
    void stop();

    /**
     * Waits until {@link #run()} has returned (or was never called).
     *
     * @param max the longest wait
     * @return true when it has returned
     * @throws InterruptedException when the waiting thread is interrupted
     */
    boolean awaitStopped(Duration max) throws InterruptedException;

    /**
     * What the agent says about itself now.
     *
     * @return its status
     */
    AgentStatus status();

    /** Stops the agent and waits for {@link #run()} to return (grace period and a little more). */
    @Override
    void close();
}
