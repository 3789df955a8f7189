package io.concierge.core.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.failure.WorkspaceIoException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.core.store.JobQuery;
import io.concierge.core.store.JobRecord;
import io.concierge.core.store.JobRecords;
import io.concierge.core.run.Runner;
import io.concierge.core.store.ClaimRequest;
import io.concierge.core.store.Lease;
import io.concierge.core.store.LeaseLostException;
import io.concierge.core.store.WorkQueue;
import io.concierge.core.workspace.AtomicFiles;
import io.concierge.core.workspace.FileLock;
import io.concierge.core.workspace.FileWorkspace;
import io.concierge.core.workspace.FolderListing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The queue of approved work on the file store. The jobs are the workspace's own
 * {@code jobs/<id>/job.yaml} files, oldest id first; a lease is a small JSON file
 * {@code .concierge/leases/<job>.json} ({@code holder}, {@code token}, {@code expires_at},
 * {@code released}), changed only under the workspace lock {@code lease-<job>} and written
 * atomically. The file outlives its lease, so the fencing token keeps growing across claims.
 *
 * <p>Queued is a job that is APPROVED and held by no live lease, or one whose lease lapsed
 * without being released while it is RUNNING or FAILED and its run lock is free: its agent died
 * mid-run (a reader such as {@code bit status} may already have marked the dead run FAILED). On
 * one machine the run lock tells for certain whether a runner is alive, so a paused agent whose
 * lease lapsed is not robbed of a run it still holds.
 *
 * <p>Waking without polling: watching {@code jobs/} for approvals would take a watch per job
 * folder, and a job's file changes far more often than it becomes runnable. Instead whoever
 * queues work (an approval, a released lease) touches {@code .concierge/queue/signal}, and
 * {@link #awaitWork} waits on a {@link WatchService} over that one folder. A person who edits a
 * {@code job.yaml} to APPROVED by hand sends no signal; agents see such a job when their wait
 * times out. The watch opens at the first {@code awaitWork} and keeps every signal that arrives
 * between two calls, so one waiter per instance misses none; each agent opens its own instance
 * (the queue holds no other state) and {@link #close()}s it when done.
 */
public final class FileWorkQueue implements WorkQueue, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FileWorkQueue.class.getName());

    private final FileWorkspace workspace;
    private final JobRecords jobs;
    private final Clock clock;
    private final Object watchGuard = new Object();
    private WatchService watch;
    private boolean closed;

    /**
     * The queue of a workspace.
     *
     * @param workspace the workspace
     * @param jobs      its job files
     * @param clock     the time leases are measured in
     */
    public FileWorkQueue(FileWorkspace workspace, JobRecords jobs, Clock clock) {
        this.workspace = workspace;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** What a lease file says. */
    private record LeaseFile(String holder, long token, Instant expiresAt, boolean released) {
        boolean liveAt(Instant now) {
            return !released && expiresAt.isAfter(now);
        }

        boolean lapsedAt(Instant now) {
            return !released && !expiresAt.isAfter(now);
        }

        Lease lease(String jobId) {
            return new Lease(jobId, holder, token, expiresAt);
        }
    }

    @Override
    public Optional<Lease> claim(ClaimRequest request) {
        for (JobRecord listed : candidates()) {
            String jobId = listed.id();
            if (request.skip().contains(jobId) || !request.takes(listed.packageName())) {
                continue;
            }
            try {
                // A first look without the lock keeps claims from locking every job of the workspace.
                if (!queued(listed, readLease(jobId), clock.instant())) {
                    continue;
                }
                Optional<FileLock> lock = workspace.tryLock(lockName(jobId));
                if (lock.isEmpty()) {
                    continue; // another agent is claiming it right now
                }
                try (FileLock held = lock.get()) {
                    Instant now = clock.instant();
                    Optional<LeaseFile> current = readLease(jobId);
                    Optional<JobRecord> fresh = jobs.find(jobId);
                    if (fresh.isEmpty() || !queued(fresh.get(), current, now)) {
                        continue;
                    }
                    Lease lease = new Lease(jobId, request.holder(), nextToken(current), now.plus(request.leaseFor()));
                    write(lease, false);
                    return Optional.of(lease);
                }
            } catch (ConciergeException e) {
                // one unreadable job or lease file must not stop the queue; validate names it
                LOG.log(System.Logger.Level.WARNING, () -> "queue: skipping job " + jobId + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Lease> acquire(String jobId, String holder, Duration leaseFor) {
        try (FileLock lock = workspace.lock(lockName(jobId))) {
            Instant now = clock.instant();
            Optional<LeaseFile> current = readLease(jobId);
            if (current.isPresent() && current.get().liveAt(now)) {
                return Optional.empty();
            }
            Lease lease = new Lease(jobId, holder, nextToken(current), now.plus(leaseFor));
            write(lease, false);
            return Optional.of(lease);
        }
    }

    @Override
    public Lease renew(Lease lease, Duration leaseFor) {
        try (FileLock lock = workspace.lock(lockName(lease.jobId()))) {
            Optional<LeaseFile> current = readLease(lease.jobId());
            if (current.isEmpty() || !holds(current.get(), lease)) {
                throw new LeaseLostException(lease);
            }
            // A lapsed lease nobody claimed in the meantime is still this holder's: the token says so.
            Lease renewed = new Lease(lease.jobId(), lease.holder(), lease.token(), clock.instant().plus(leaseFor));
            write(renewed, false);
            return renewed;
        }
    }

    @Override
    public void release(Lease lease) {
        boolean released = false;
        try (FileLock lock = workspace.lock(lockName(lease.jobId()))) {
            Optional<LeaseFile> current = readLease(lease.jobId());
            if (current.isPresent() && holds(current.get(), lease)) {
                write(new Lease(lease.jobId(), lease.holder(), lease.token(), clock.instant()), true);
                released = true;
            }
        }
        if (released) {
            signal(); // the job may be queued again (a run that could not start here)
        }
    }

    @Override
    public Optional<Lease> current(String jobId) {
        Instant now = clock.instant();
        return readLease(jobId).filter(l -> l.liveAt(now)).map(l -> l.lease(jobId));
    }

    @Override
    public SortedMap<String, Integer> depth() {
        SortedMap<String, Integer> counts = new TreeMap<>();
        Instant now = clock.instant();
        for (JobRecord job : candidates()) {
            try {
                if (queued(job, readLease(job.id()), now)) {
                    counts.merge(job.packageName(), 1, Integer::sum);
                }
            } catch (ConciergeException e) {
                LOG.log(System.Logger.Level.WARNING, () -> "queue: not counting job " + job.id() + ": " + e.getMessage());
            }
        }
        return counts;
    }

    @Override
    public List<Lease> leases() {
        Instant now = clock.instant();
        List<Lease> live = new ArrayList<>();
        for (String jobId : FolderListing.between(leasesDir(), "j_", ".json", "the leases in")) {
            try {
                readLease("j_" + jobId).filter(l -> l.liveAt(now)).ifPresent(l -> live.add(l.lease("j_" + jobId)));
            } catch (ConciergeException e) {
                LOG.log(System.Logger.Level.WARNING, () -> "queue: unreadable lease of j_" + jobId + ": " + e.getMessage());
            }
        }
        return live;
    }

    @Override
    public void awaitWork(Duration max) throws InterruptedException {
        WatchService service = watch();
        WatchKey key = max.isZero() || max.isNegative() ? service.poll() : service.poll(max.toMillis(), TimeUnit.MILLISECONDS);
        while (key != null) {
            key.pollEvents(); // the events' content does not matter: any change may be work
            key.reset();
            key = service.poll();
        }
    }

    @Override
    public void signal() {
        String line = clock.instant() + " by process " + ProcessHandle.current().pid() + "\n";
        AtomicFiles.write(queueDir().resolve("signal"), line.getBytes(StandardCharsets.UTF_8));
    }

    /** Closes the watch of {@link #awaitWork}; the queue still claims, but no longer waits. */
    @Override
    public void close() {
        synchronized (watchGuard) {
            closed = true;
            if (watch != null) {
                try {
                    watch.close();
                } catch (IOException e) {
                    // nothing more to release
                }
                watch = null;
            }
        }
    }

    /** The watch over {@code .concierge/queue/}, opened on first use. */
    private WatchService watch() {
        synchronized (watchGuard) {
            if (closed) {
                throw new ClosedWatchServiceException();
            }
            if (watch == null) {
                Path dir = queueDir();
                try {
                    Files.createDirectories(dir);
                    WatchService service = dir.getFileSystem().newWatchService();
                    dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
                    watch = service;
                } catch (IOException e) {
                    throw new WorkspaceIoException("watch", dir, e);
                }
            }
            return watch;
        }
    }

    /** Statuses a queued job can have: APPROVED, or RUNNING and FAILED when its agent died. */
    /** The jobs that may be queued (by status), oldest first. */
    private List<JobRecord> candidates() {
        List<JobRecord> page = new java.util.ArrayList<>(jobs.list(new JobQuery(
                java.util.Set.of(JobStatus.APPROVED.name(), JobStatus.RUNNING.name(), JobStatus.FAILED.name()), null, 0, ""))
                .jobs());
        java.util.Collections.reverse(page);
        return page;
    }

    private boolean queued(JobRecord job, Optional<LeaseFile> lease, Instant now) {
        if (lease.isPresent() && lease.get().liveAt(now)) {
            return false;
        }
        if (job.status().equals(JobStatus.APPROVED.name())) {
            // A `bit run` just starting holds the run lock while the job still says APPROVED; the
            // claimer's runner finds the lock taken and gives the job back. Probing the lock here
            // instead would take it for a moment and could make that `bit run` fail.
            return true;
        }
        boolean abandoned = lease.isPresent() && lease.get().lapsedAt(now);
        return abandoned && (job.status().equals(JobStatus.RUNNING.name()) || job.status().equals(JobStatus.FAILED.name()))
                && !workspace.isLocked(Runner.runLockName(job.id()));
    }

    /**
     * Runs {@code write} while no one can claim the job, if {@code fence} is still its lease (the
     * file store's fencing: a claim takes the same lock).
     */
    static void fenced(FileWorkspace workspace, String jobId, Lease fence, Runnable write) {
        try (FileLock lock = workspace.lock(lockName(jobId))) {
            Optional<LeaseFile> current = new FileWorkQueue(workspace, null, Clock.systemUTC()).readLease(jobId);
            if (current.isEmpty() || !holds(current.get(), fence)) {
                throw new LeaseLostException(fence);
            }
            write.run();
        }
    }

    private static boolean holds(LeaseFile file, Lease lease) {
        return !file.released() && file.token() == lease.token() && file.holder().equals(lease.holder());
    }

    private static long nextToken(Optional<LeaseFile> current) {
        return current.map(LeaseFile::token).orElse(0L) + 1;
    }

    private static String lockName(String jobId) {
        return "lease-" + jobId;
    }

    private Path leasesDir() {
        return workspace.stateDir().resolve("leases");
    }

    private Path queueDir() {
        return workspace.stateDir().resolve("queue");
    }

    private Path leaseFile(String jobId) {
        return leasesDir().resolve(io.concierge.core.workspace.IdPrefixes.requireSafe(jobId, "job") + ".json");
    }

    private Optional<LeaseFile> readLease(String jobId) {
        Path file = leaseFile(jobId);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode node = workspace.codecs().readJson(file, "lease file");
        try {
            return Optional.of(new LeaseFile(node.path("holder").asText(), node.path("token").asLong(),
                    Instant.parse(node.path("expires_at").asText()), node.path("released").asBoolean()));
        } catch (java.time.format.DateTimeParseException e) {
            throw new io.concierge.api.failure.InvalidWorkspaceException("lease file " + file + " has no valid expires_at;"
                    + " delete it to let the job be claimed again", e);
        }
    }

    private void write(Lease lease, boolean released) {
        ObjectNode node = workspace.codecs().object();
        node.put("holder", lease.holder());
        node.put("token", lease.token());
        node.put("expires_at", lease.expiresAt().toString());
        node.put("released", released);
        AtomicFiles.write(leaseFile(lease.jobId()), workspace.codecs().writePrettyJson(node));
    }
}
