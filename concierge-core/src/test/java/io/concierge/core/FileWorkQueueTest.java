package io.concierge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.core.codec.Codecs;
import io.concierge.core.job.JobFiles;
import io.concierge.core.job.JobTransition;
import io.concierge.core.run.Runner;
import io.concierge.core.store.AgentInfo;
import io.concierge.core.store.ClaimRequest;
import io.concierge.core.store.Lease;
import io.concierge.core.store.LeaseLostException;
import io.concierge.core.store.file.FileAgentRegistry;
import io.concierge.core.store.file.FileWorkQueue;
import io.concierge.core.workspace.FileLock;
import io.concierge.core.workspace.FileWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file store's queue and agent registry on a real workspace folder. */
class FileWorkQueueTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String OTHER_PACKAGE = TestPackages.UPPER.replace("id: text.upper", "id: text.shout")
            .replace("verbs: [uppercase, upcase, shout]", "verbs: [holler]");

    @TempDir
    Path tmp;
    Path root;
    Path inputs;
    FileWorkspace workspace;
    JobFiles jobs;

    @BeforeEach
    void setUp() throws Exception {
        root = tmp.resolve("ws");
        inputs = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(inputs.resolve("notes.txt"), "hello\n");
        open().close();
        TestPackages.writeUpperPackage(root);
        Path other = Files.createDirectories(root.resolve("packages/text/shout/v1.0.0"));
        Files.writeString(other.resolve("package.yaml"), OTHER_PACKAGE);
        workspace = FileWorkspace.open(root, new Codecs(), false, "");
        jobs = new JobFiles(workspace);
    }

    private Concierge open() {
        return Concierge.builder(root).workingDirectory(inputs).discoverWorkers(false).worker(new UpperWorker())
                .defaultApprover("tester").open();
    }

    private List<String> approved(int count, String sentence) {
        List<String> ids = new ArrayList<>();
        try (Concierge c = open()) {
            for (int i = 0; i < count; i++) {
                String id = c.createJob(c.synthesize(sentence).id()).id();
                c.generatePlan(id);
                c.approve(id, "tester", "");
                ids.add(id);
            }
        }
        return ids;
    }

    private FileWorkQueue queue(Clock clock) {
        return new FileWorkQueue(workspace, new io.concierge.core.store.file.FileStore(workspace).jobs(), clock);
    }

    private static ClaimRequest request(String holder) {
        return new ClaimRequest(holder, List.of(), LEASE, Set.of());
    }

    @Test
    void claimsApprovedJobsOldestFirstEachOnceWithGrowingTokens() {
        List<String> ids = approved(3, "Uppercase notes.txt");
        FileWorkQueue queue = queue(Clock.systemUTC());
        assertThat(queue.depth()).containsExactly(Map.entry("text.upper", 3));

        Lease first = queue.claim(request("a")).orElseThrow();
        Lease second = queue.claim(request("b")).orElseThrow();
        Lease third = queue.claim(request("a")).orElseThrow();
        assertThat(List.of(first.jobId(), second.jobId(), third.jobId())).isEqualTo(ids);
        assertThat(queue.claim(request("c"))).isEmpty();
        assertThat(queue.depth()).isEmpty();
        assertThat(first.token()).isEqualTo(1);
        assertThat(queue.current(first.jobId())).contains(first);
        assertThat(queue.leases()).extracting(Lease::jobId).containsExactlyElementsOf(ids);

        queue.release(first);
        assertThat(queue.current(first.jobId())).isEmpty();
        Lease again = queue.claim(request("c")).orElseThrow();
        assertThat(again.jobId()).isEqualTo(first.jobId());
        assertThat(again.token()).isEqualTo(2);
        assertThat(again.holder()).isEqualTo("c");
        assertThat(queue.acquire(first.jobId(), "bit run", LEASE)).as("a live lease holds it").isEmpty();
    }

    @Test
    void takesOnlyThePackagesAskedForAndLeavesSkippedJobs() {
        List<String> upper = approved(2, "Uppercase notes.txt");
        List<String> shout = approved(1, "holler notes.txt");
        FileWorkQueue queue = queue(Clock.systemUTC());
        assertThat(queue.depth()).containsExactly(Map.entry("text.shout", 1), Map.entry("text.upper", 2));

        Lease onlyShout = queue.claim(new ClaimRequest("a", List.of("text.sh*"), LEASE, Set.of())).orElseThrow();
        assertThat(onlyShout.jobId()).isEqualTo(shout.get(0));
        Lease skipping = queue.claim(new ClaimRequest("a", List.of(), LEASE, Set.of(upper.get(0)))).orElseThrow();
        assertThat(skipping.jobId()).isEqualTo(upper.get(1));
        assertThat(queue.claim(new ClaimRequest("a", List.of("audio.*"), LEASE, Set.of()))).isEmpty();
    }

    @Test
    void aRenewalAfterAnotherHolderTookTheLapsedLeaseOverIsRefusedAndItsReleaseIgnored() {
        String job = approved(1, "Uppercase notes.txt").get(0);
        FileWorkQueue now = queue(Clock.systemUTC());
        Lease mine = now.claim(request("a")).orElseThrow();
        Lease renewed = now.renew(mine, LEASE);
        assertThat(renewed.token()).isEqualTo(mine.token());
        assertThat(renewed.expiresAt()).isAfterOrEqualTo(mine.expiresAt());

        // An hour later, by another holder's clock, the lease has lapsed: it takes the job over.
        FileWorkQueue later = queue(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)));
        assertThat(later.current(job)).isEmpty();
        Lease theirs = later.acquire(job, "b", LEASE).orElseThrow();
        assertThat(theirs.token()).isEqualTo(mine.token() + 1);

        assertThatThrownBy(() -> now.renew(renewed, LEASE)).isInstanceOf(LeaseLostException.class)
                .hasMessageContaining("token " + mine.token()).hasMessageContaining("nothing was written");
        now.release(renewed);
        assertThat(later.current(job)).contains(theirs);
    }

    @Test
    void aRunningJobWhoseLeaseLapsedIsQueuedForResumeOnlyOnceItsRunLockIsFree() throws Exception {
        String job = approved(1, "Uppercase notes.txt").get(0);
        FileWorkQueue queue = queue(Clock.systemUTC());
        queue.claim(request("dead-agent")).orElseThrow();
        jobs.update(job, j -> JobTransition.move(j, JobStatus.RUNNING).build());
        FileWorkQueue later = queue(Clock.offset(Clock.systemUTC(), LEASE.plusSeconds(1)));

        // The holder's process still holds the run lock (paused, not dead): nobody takes its run away.
        CompletableFuture<Void> locked = new CompletableFuture<>();
        CompletableFuture<Void> released = new CompletableFuture<>();
        CompletableFuture<Void> holding = CompletableFuture.runAsync(() -> {
            try (FileLock lock = FileWorkspace.open(root, new Codecs(), false, "").tryLock(Runner.runLockName(job)).orElseThrow()) {
                locked.complete(null);
                released.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        locked.get(60, TimeUnit.SECONDS);
        assertThat(later.depth()).isEmpty();
        assertThat(later.claim(request("b"))).isEmpty();
        released.complete(null);
        holding.get(60, TimeUnit.SECONDS);

        assertThat(later.depth()).containsExactly(Map.entry("text.upper", 1));
        Lease takeover = later.claim(request("b")).orElseThrow();
        assertThat(takeover.jobId()).isEqualTo(job);
        assertThat(takeover.token()).isEqualTo(2);
    }

    @Test
    void finishedAndReleasedJobsAreNotQueuedAgain() {
        String job = approved(1, "Uppercase notes.txt").get(0);
        FileWorkQueue queue = queue(Clock.systemUTC());
        Lease lease = queue.claim(request("a")).orElseThrow();
        jobs.update(job, j -> JobTransition.move(j, JobStatus.RUNNING).build());
        jobs.update(job, j -> JobTransition.move(j, JobStatus.FAILED).build());
        queue.release(lease);
        assertThat(queue(Clock.offset(Clock.systemUTC(), Duration.ofHours(1))).claim(request("b"))).isEmpty();
    }

    @Test
    void aSignalWakesAWaiterAndIsKeptUntilItWaits() throws Exception {
        FileWorkQueue waiter = queue(Clock.systemUTC());
        waiter.awaitWork(Duration.ZERO); // opens the watch
        queue(Clock.systemUTC()).signal(); // before the wait: kept by the watch
        // The guard is an hour: returning at all shows the signal woke it.
        CompletableFuture<Void> woken = CompletableFuture.runAsync(() -> {
            try {
                waiter.awaitWork(Duration.ofHours(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        woken.get(2, TimeUnit.MINUTES);

        try (Concierge c = open()) {
            String id = c.createJob(c.synthesize("Uppercase notes.txt").id()).id();
            c.generatePlan(id);
            CompletableFuture<Void> approval = CompletableFuture.runAsync(() -> {
                try {
                    waiter.awaitWork(Duration.ofHours(1));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            c.approve(id, "tester", "");
            approval.get(2, TimeUnit.MINUTES);
        }
        waiter.close();
    }

    @Test
    void theRegistryKeepsOneFilePerAgentUntilItSignsOff() {
        FileAgentRegistry registry = new FileAgentRegistry(workspace);
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        registry.heartbeat(new AgentInfo("a_box_1_x1", "box", 1, t, t, 2, List.of("audio.*"), List.of(), "running"));
        registry.heartbeat(new AgentInfo("a_box_2_x2", "box", 2, t, t, 1, List.of(), List.of("j_1"), "running"));
        registry.heartbeat(new AgentInfo("a_box_1_x1", "box", 1, t, t.plusSeconds(10), 2, List.of("audio.*"), List.of("j_2"),
                "draining"));
        assertThat(registry.list()).extracting(AgentInfo::id).containsExactly("a_box_1_x1", "a_box_2_x2");
        AgentInfo first = registry.list().get(0);
        assertThat(first.heartbeatAt()).isEqualTo(t.plusSeconds(10));
        assertThat(first.currentJobs()).containsExactly("j_2");
        assertThat(first.packages()).containsExactly("audio.*");
        assertThat(first.state()).isEqualTo("draining");
        registry.remove("a_box_1_x1");
        assertThat(registry.list()).extracting(AgentInfo::id).containsExactly("a_box_2_x2");
        assertThatThrownBy(() -> registry.remove("../concierge")).hasMessageContaining("not valid");
    }
}
