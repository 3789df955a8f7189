package io.concierge.core.agent;

import io.concierge.api.agent.Agent;
import io.concierge.api.agent.AgentListener;
import io.concierge.api.agent.AgentOptions;
import io.concierge.api.agent.AgentStatus;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import io.concierge.core.run.RunControl;
import io.concierge.core.store.AgentInfo;
import io.concierge.core.store.ClaimRequest;
import io.concierge.core.store.Lease;
import io.concierge.core.store.LeaseLostException;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The agent's loop: claim queued jobs up to the concurrency, run each on a thread of its own
 * with the {@link io.concierge.core.run.Runner} under its lease, renew the leases and announce
 * itself by heartbeat, and release each lease when its run ends.
 *
 * <p>Threads: the caller of {@link #run()} claims; one thread per running job; one heartbeat
 * thread; one watcher that turns the queue's wake-ups ({@link io.concierge.core.store.WorkQueue#awaitWork})
 * into permits of a local semaphore, which finished runs and {@link #stop()} release too. So the
 * claiming thread sleeps on one thing and nothing polls. The watcher's wait times out after one
 * lease period, so a lease that lapsed (its agent died) or a job approved by a hand edit is seen
 * within that time.
 *
 * <p>A job that cannot start here (an input file this machine cannot see, an approval that no
 * longer holds, a run lock another process holds) is released for other agents and left alone
 * by this one for ten lease periods. A run whose lease renewal is refused (another holder took
 * the job over) is halted through its {@link RunControl}, and this agent neither releases that
 * lease nor reports the run's end.
 */
public final class AgentLoop implements Agent {
    private static final System.Logger LOG = System.getLogger(AgentLoop.class.getName());
    /** How long a stopping agent waits for runs it halted: halts are seen within a fraction of a second. */
    private static final Duration HALT_WAIT = Duration.ofMinutes(1);

    private final AgentOptions options;
    private final AgentServices services;
    private final AgentListener listener;
    private final String id;
    private final String host;
    private final long pid = ProcessHandle.current().pid();
    private final Instant startedAt;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, Instant> skipUntil = new ConcurrentHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean ran = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ExecutorService pool;
    private final ScheduledExecutorService heartbeats;
    private Thread watcher;

    /** One job this agent runs: its lease (renewed by heartbeats) and its own halt. */
    private static final class Running {
        volatile Lease lease;
        final RunControl control = new RunControl();
        volatile boolean lost;

        Running(Lease lease) {
            this.lease = lease;
        }
    }

    /**
     * Makes an agent; {@link #run()} starts it.
     *
     * @param options  how it works
     * @param services what it works with
     * @param listener hears what it does
     */
    public AgentLoop(AgentOptions options, AgentServices services, AgentListener listener) {
        this.services = services;
        this.listener = listener == null ? AgentListener.NONE : listener;
        this.host = hostName();
        this.id = options.id().isEmpty() ? newId(host, pid) : options.id();
        this.options = options.toBuilder().id(id).build();
        this.startedAt = services.clock().instant();
        this.pool = Executors.newFixedThreadPool(options.concurrency(), threads("concierge-agent-" + id + "-job-"));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(threads("concierge-agent-" + id + "-heartbeat-"));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void run() {
        if (!ran.compareAndSet(false, true)) {
            throw new IllegalStateException("agent " + id + " already ran or was closed; make a new one");
        }
        try {
            services.registry().heartbeat(info(services.clock().instant()));
            // Opens the queue's watch before the first claim, so no wake-up between the two is lost.
            services.queue().awaitWork(Duration.ZERO);
            startWatcher();
            long every = options.heartbeatInterval().toMillis();
            heartbeats.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
            while (!stopping.get()) {
                boolean nothingQueued = fill();
                if (options.exitWhenIdle() && nothingQueued && running.isEmpty()) {
                    break;
                }
                wake.acquire();
                wake.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // drain() sees it: stop as asked, then keep the flag
        } finally {
            try {
                drain();
            } finally {
                stopped.countDown();
            }
        }
    }

    @Override
    public void stop() {
        stopping.set(true);
        wake.release();
    }

    @Override
    public boolean awaitStopped(Duration max) throws InterruptedException {
        return !ran.get() || stopped.await(max.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public AgentStatus status() {
        AgentInfo info = info(services.clock().instant());
        return new AgentStatus(info.id(), info.host(), info.pid(), info.startedAt(), info.heartbeatAt(), info.concurrency(),
                info.packages(), info.currentJobs(), info.state());
    }

    @Override
    public void close() {
        stop();
        if (ran.compareAndSet(false, true)) {
            // never ran: nothing to drain, and run() now refuses to start
            shutdownThreads();
            closeOwned();
            stopped.countDown();
            return;
        }
        boolean interrupted = false;
        Duration max = options.gracePeriod().plus(HALT_WAIT).plusSeconds(5);
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            try {
                awaitStopped(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Claims until the slots are full or nothing is queued; true when the queue had nothing for it. */
    private boolean fill() {
        while (!stopping.get() && running.size() < options.concurrency()) {
            Optional<Lease> claimed;
            try {
                claimed = services.queue().claim(new ClaimRequest(id, options.packages(), options.leaseDuration(), skipped()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, () -> "agent " + id + ": claiming failed, trying again at the next"
                        + " wake-up: " + e.getMessage());
                return false;
            }
            if (claimed.isEmpty()) {
                return true;
            }
            start(claimed.get());
        }
        return false;
    }

    /** The jobs this agent leaves alone for now. */
    private java.util.Set<String> skipped() {
        Instant now = services.clock().instant();
        skipUntil.values().removeIf(until -> !until.isAfter(now));
        return skipUntil.keySet();
    }

    private void start(Lease lease) {
        String jobId = lease.jobId();
        Job job;
        try {
            job = services.jobs().apply(jobId);
        } catch (RuntimeException e) {
            cannotStart(lease, e.getMessage());
            return;
        }
        // RUNNING or FAILED on a lapsed lease: its agent died; the resume skips the steps it completed.
        boolean resumes = job.status() != JobStatus.APPROVED;
        Running run = new Running(lease);
        running.put(jobId, run);
        tell(l -> l.claimed(jobId, job.packageRef(), resumes));
        pool.execute(() -> execute(jobId, run, resumes));
        heartbeatQuietly(); // the registry lists the job from now, not from the next heartbeat
    }

    private void execute(String jobId, Running run, boolean resumes) {
        try {
            Run ended = services.runner().run(jobId, RunOptions.builder().resume(resumes).build(), run.lease, run.control);
            if (!run.lost) {
                tell(l -> l.finished(ended));
            }
        } catch (ConciergeException e) {
            // Refused before anything was written for a run: another agent may manage.
            if (!run.lost) {
                running.remove(jobId);
                cannotStart(run.lease, e.getMessage());
                return;
            }
        } catch (RuntimeException | Error e) {
            // The runner recorded the run as FAILED before rethrowing; a bug, so said loudly.
            LOG.log(System.Logger.Level.ERROR, "agent " + id + ": the run of " + jobId + " broke", e);
            if (!run.lost) {
                tell(l -> l.skipped(jobId, "the run broke: " + e));
            }
        } finally {
            if (running.remove(jobId) != null && !run.lost) {
                releaseQuietly(run.lease);
            }
            if (!stopping.get()) {
                heartbeatQuietly();
            }
            wake.release();
        }
    }

    /** Gives a job back that this agent could not start, and leaves it alone for a while. */
    private void cannotStart(Lease lease, String reason) {
        skipUntil.put(lease.jobId(), services.clock().instant().plus(options.leaseDuration().multipliedBy(10)));
        releaseQuietly(lease);
        String line = reason == null ? "unknown reason" : reason.lines().findFirst().orElse("");
        LOG.log(System.Logger.Level.INFO, () -> "agent " + id + " cannot start " + lease.jobId() + ": " + line);
        tell(l -> l.skipped(lease.jobId(), line));
    }

    private void releaseQuietly(Lease lease) {
        try {
            services.queue().release(lease);
        } catch (RuntimeException e) {
            // it lapses by itself after the lease period
            LOG.log(System.Logger.Level.WARNING, () -> "agent " + id + ": could not release " + lease.jobId() + ": " + e.getMessage());
        }
    }

    /** Renews every lease, halting runs whose lease was lost, then tells the registry this agent is alive. */
    private void heartbeat() {
        for (Map.Entry<String, Running> entry : running.entrySet()) {
            Running run = entry.getValue();
            if (run.lost) {
                continue;
            }
            try {
                run.lease = services.queue().renew(run.lease, options.leaseDuration());
            } catch (LeaseLostException e) {
                run.lost = true;
                run.control.halt("agent " + id + ": its lease on the job was lost to another holder");
                LOG.log(System.Logger.Level.INFO, () -> "agent " + id + ": " + e.getMessage());
                tell(l -> l.leaseLost(entry.getKey()));
            } catch (RuntimeException e) {
                // a passing I/O problem: the next heartbeat tries again before the lease lapses
                LOG.log(System.Logger.Level.WARNING, () -> "agent " + id + ": renewing " + entry.getKey() + " failed: " + e.getMessage());
            }
        }
        heartbeatQuietly();
    }

    private void startWatcher() {
        watcher = new Thread(() -> {
            while (!stopping.get()) {
                try {
                    services.queue().awaitWork(options.leaseDuration());
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    if (stopping.get()) {
                        return;
                    }
                    LOG.log(System.Logger.Level.WARNING, () -> "agent " + id + ": waiting for work failed: " + e.getMessage());
                    try {
                        Thread.sleep(options.leaseDuration().toMillis()); // not a poll: a pause before the next wait
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
                wake.release();
            }
        }, "concierge-agent-" + id + "-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Stops taking work, lets running jobs finish for the grace period (heartbeats keep their
     * leases), halts what still runs, waits for those runs to record their end, and signs off.
     */
    private void drain() {
        stopping.set(true);
        boolean interrupted = Thread.interrupted();
        heartbeatQuietly();
        pool.shutdown();
        boolean done = false;
        if (!interrupted) {
            try {
                done = pool.awaitTermination(options.gracePeriod().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (!done) {
            long grace = options.gracePeriod().toSeconds();
            running.values().forEach(r -> r.control.halt("agent " + id + ": it is stopping"
                    + (grace > 0 ? " and the grace period of " + grace + " s passed" : "")));
            done = awaitUninterruptibly(HALT_WAIT);
            if (!done) {
                LOG.log(System.Logger.Level.WARNING, () -> "agent " + id + ": runs of " + new ArrayList<>(running.keySet())
                        + " did not stop; their leases lapse by themselves");
            }
        }
        shutdownThreads();
        try {
            services.registry().remove(id);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "agent " + id + ": could not sign off: " + e.getMessage());
        }
        closeOwned();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Tells the registry what this agent does now; one writer at a time, so the newest news is written last. */
    private synchronized void heartbeatQuietly() {
        try {
            services.registry().heartbeat(info(services.clock().instant()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "agent " + id + ": heartbeat failed: " + e.getMessage());
        }
    }

    private boolean awaitUninterruptibly(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void shutdownThreads() {
        pool.shutdownNow();
        heartbeats.shutdownNow();
        try {
            // a heartbeat still writing must not bring the agent's file back after sign-off
            heartbeats.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (watcher != null) {
            watcher.interrupt();
        }
    }

    private void closeOwned() {
        try {
            services.owned().close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, () -> "agent " + id + ": closing the queue's watch failed: " + e.getMessage());
        }
    }

    private AgentInfo info(Instant now) {
        return new AgentInfo(id, host, pid, startedAt, now, options.concurrency(), options.packages(),
                running.keySet().stream().sorted().toList(), stopping.get() ? "draining" : "running");
    }

    private void tell(Consumer<AgentListener> news) {
        try {
            news.accept(listener);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "agent " + id + ": a listener failed", e);
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** This machine's name, as {@code bit agents} shows it. */
    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** {@code a_<host>_<pid>_<two letters>}: two agents of one process differ by the letters. */
    static String newId(String host, long pid) {
        String safeHost = host.replaceAll("[^A-Za-z0-9.-]", "-");
        if (safeHost.length() > 40) {
            safeHost = safeHost.substring(0, 40);
        }
        String letters = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36), 36);
        return "a_" + safeHost + "_" + pid + "_" + (letters.length() < 2 ? "0" + letters : letters);
    }
}
