package io.concierge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.Concierge;
import io.concierge.api.agent.Agent;
import io.concierge.api.agent.AgentListener;
import io.concierge.api.agent.AgentOptions;
import io.concierge.api.event.Event;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.Run;
import io.concierge.api.worker.Worker;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerDescriptor;
import io.concierge.api.worker.WorkerResult;
import io.concierge.core.codec.Codecs;
import io.concierge.core.job.JobFiles;
import io.concierge.core.job.JobTransition;
import io.concierge.core.store.ClaimRequest;
import io.concierge.core.store.Lease;
import io.concierge.core.store.file.FileWorkQueue;
import io.concierge.core.workspace.FileWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agents in this JVM over a real workspace folder: claims, heartbeats, stops, lost leases, wake-ups. */
class AgentTest {
    /** A guard against a hung agent, not a timing assertion. */
    private static final long GUARD_SECONDS = 120;

    @TempDir
    Path tmp;
    Path root;
    Path inputs;

    /** Upper-cases like {@link UpperWorker}, once its gate opens; a halt interrupts the wait. */
    static final class GatedWorker extends UpperWorker {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);

        @Override
        public WorkerResult execute(WorkerContext context) throws Exception {
            started.countDown();
            gate.await();
            return super.execute(context);
        }
    }

    /** Records what an agent says. */
    static final class RecordingListener implements AgentListener {
        final List<String> claimed = Collections.synchronizedList(new ArrayList<>());
        final List<Run> finished = Collections.synchronizedList(new ArrayList<>());
        final List<String> skipped = Collections.synchronizedList(new ArrayList<>());
        final List<String> lost = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void claimed(String jobId, String packageRef, boolean resumes) {
            claimed.add(jobId + " " + packageRef + (resumes ? " resumes" : ""));
        }

        @Override
        public void finished(Run run) {
            finished.add(run);
        }

        @Override
        public void skipped(String jobId, String reason) {
            skipped.add(jobId + ": " + reason);
        }

        @Override
        public void leaseLost(String jobId) {
            lost.add(jobId);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        root = tmp.resolve("ws");
        inputs = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(inputs.resolve("notes.txt"), "hello\n");
        open(new UpperWorker()).close();
        TestPackages.writeUpperPackage(root);
    }

    private Concierge open(Worker worker) {
        return Concierge.builder(root).workingDirectory(inputs).discoverWorkers(false).worker(worker)
                .defaultApprover("tester").open();
    }

    private static List<String> approved(Concierge c, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = c.createJob(c.synthesize("Uppercase notes.txt").id()).id();
            c.generatePlan(id);
            c.approve(id, "tester", "");
            ids.add(id);
        }
        return ids;
    }

    private static List<Event> started(Concierge c, String jobId) {
        return c.events(jobId, true).stream().filter(e -> e.type().equals("job.started")).toList();
    }

    /** Waits, with the guard, until {@code condition} holds. */
    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still waiting after " + GUARD_SECONDS + " s until " + what);
            }
            Thread.sleep(20);
        }
    }

    private FileWorkQueue queue(Clock clock) {
        FileWorkspace workspace = FileWorkspace.open(root, new Codecs(), false, "");
        return new FileWorkQueue(workspace, new io.concierge.core.store.file.FileStore(workspace).jobs(), clock);
    }

    @Test
    void runsEveryQueuedJobOnceThenExitsWhenIdleAndSignsOff() {
        try (Concierge c = open(new UpperWorker())) {
            List<String> jobs = approved(c, 6);
            assertThat(c.queueDepth()).containsEntry("text.upper", 6);
            RecordingListener heard = new RecordingListener();
            Agent agent = c.agent(AgentOptions.builder().id("agent-1").concurrency(2).exitWhenIdle(true).build(), heard);
            agent.run();

            for (String job : jobs) {
                assertThat(c.job(job).status()).isEqualTo(JobStatus.COMPLETED);
                assertThat(started(c, job)).singleElement().satisfies(e -> {
                    assertThat(e.payload()).containsEntry("agent", "agent-1");
                    assertThat(((Number) e.payload().get("lease_token")).longValue()).isEqualTo(1);
                });
            }
            assertThat(heard.claimed).containsExactlyInAnyOrderElementsOf(jobs.stream().map(j -> j + " text.upper@1.0.0").toList());
            assertThat(heard.finished).extracting(Run::status).containsOnly(JobStatus.COMPLETED).hasSize(6);
            assertThat(heard.skipped).isEmpty();
            assertThat(c.agents()).isEmpty();
            assertThat(c.queueDepth()).isEmpty();
            assertThat(queue(Clock.systemUTC()).leases()).isEmpty();
        }
    }

    @Test
    void twoAgentsOfTwoWorkspaceHandlesShareTheQueueAndRunEachJobOnce() throws Exception {
        List<String> jobs;
        try (Concierge c = open(new UpperWorker())) {
            jobs = approved(c, 20);
        }
        try (Concierge first = open(new UpperWorker()); Concierge second = open(new UpperWorker())) {
            AgentOptions options = AgentOptions.builder().concurrency(2).exitWhenIdle(true).build();
            Agent a = first.agent(options, AgentListener.NONE);
            Agent b = second.agent(options, AgentListener.NONE);
            assertThat(a.id()).isNotEqualTo(b.id()).startsWith("a_");
            CompletableFuture<Void> runA = CompletableFuture.runAsync(a::run);
            CompletableFuture<Void> runB = CompletableFuture.runAsync(b::run);
            runA.get(GUARD_SECONDS, TimeUnit.SECONDS);
            runB.get(GUARD_SECONDS, TimeUnit.SECONDS);
            for (String job : jobs) {
                assertThat(first.job(job).status()).isEqualTo(JobStatus.COMPLETED);
                assertThat(started(first, job)).hasSize(1);
            }
        }
    }

    @Test
    void stopLetsTheRunningJobFinishWithinTheGracePeriod() throws Exception {
        GatedWorker worker = new GatedWorker();
        try (Concierge c = open(worker)) {
            String job = approved(c, 1).get(0);
            RecordingListener heard = new RecordingListener();
            Agent agent = c.agent(AgentOptions.builder().gracePeriod(Duration.ofMinutes(5)).build(), heard);
            CompletableFuture<Void> running = CompletableFuture.runAsync(agent::run);
            assertThat(worker.started.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(c.agents()).singleElement().satisfies(s -> {
                assertThat(s.id()).isEqualTo(agent.id());
                assertThat(s.currentJobs()).containsExactly(job);
                assertThat(s.state()).isEqualTo("running");
            });
            agent.stop();
            assertThat(agent.awaitStopped(Duration.ofMillis(200))).as("still draining while the job runs").isFalse();
            assertThat(agent.status().state()).isEqualTo("draining");
            worker.gate.countDown();
            running.get(GUARD_SECONDS, TimeUnit.SECONDS);
            assertThat(c.job(job).status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(heard.finished).extracting(Run::status).containsExactly(JobStatus.COMPLETED);
            assertThat(c.agents()).isEmpty();
        }
    }

    @Test
    void stopHaltsWhatStillRunsAfterTheGracePeriodAndReleasesIt() throws Exception {
        GatedWorker worker = new GatedWorker();
        try (Concierge c = open(worker)) {
            String job = approved(c, 1).get(0);
            RecordingListener heard = new RecordingListener();
            Agent agent = c.agent(AgentOptions.builder().id("quitter").gracePeriod(Duration.ZERO).build(), heard);
            CompletableFuture<Void> running = CompletableFuture.runAsync(agent::run);
            assertThat(worker.started.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
            agent.close();
            running.get(GUARD_SECONDS, TimeUnit.SECONDS);
            assertThat(c.job(job).status()).isEqualTo(JobStatus.HALTED);
            assertThat(heard.finished).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(JobStatus.HALTED);
                assertThat(r.error()).contains("halted by agent quitter: it is stopping");
            });
            assertThat(queue(Clock.systemUTC()).current(job)).as("released").isEmpty();
        }
    }

    @Test
    void anAgentWhoseLeaseWasTakenOverHaltsItsRunAndReleasesNothing() throws Exception {
        GatedWorker worker = new GatedWorker();
        try (Concierge c = open(worker)) {
            String job = approved(c, 1).get(0);
            RecordingListener heard = new RecordingListener();
            Agent agent = c.agent(AgentOptions.builder().id("paused").leaseDuration(Duration.ofSeconds(3)).build(), heard);
            CompletableFuture<Void> running = CompletableFuture.runAsync(agent::run);
            assertThat(worker.started.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();

            // By another holder's clock the lease lapsed long ago: it takes the job over.
            Lease intruder = queue(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)))
                    .acquire(job, "intruder", Duration.ofHours(2)).orElseThrow();
            // The agent's next heartbeat finds the lease lost and halts its run, whose writes the
            // store now refuses (fencing): the run ends without a word from this agent.
            await("the agent gave its run up", () -> agent.status().currentJobs().isEmpty());
            assertThat(heard.lost).containsExactly(job);
            assertThat(c.events(job, true)).extracting(Event::type).as("nothing written after the lease was lost")
                    .endsWith("job.started", "step.started")
                    .doesNotContain("step.failed", "job.halted", "job.failed", "job.completed");
            assertThat(queue(Clock.systemUTC()).current(job)).as("the intruder's lease stays").contains(intruder);
            agent.stop();
            running.get(GUARD_SECONDS, TimeUnit.SECONDS);
            assertThat(heard.finished).as("a lost run is not reported as finished").isEmpty();
            assertThat(queue(Clock.systemUTC()).current(job)).contains(intruder);
        }
    }

    @Test
    void aJobWhoseInputFileThisMachineCannotSeeIsSkippedAndStaysQueued() throws Exception {
        try (Concierge c = open(new UpperWorker())) {
            String job = approved(c, 1).get(0);
            Files.delete(inputs.resolve("notes.txt"));
            RecordingListener heard = new RecordingListener();
            c.agent(AgentOptions.builder().exitWhenIdle(true).build(), heard).run();
            assertThat(heard.skipped).singleElement().asString().startsWith(job + ": input text_file of job " + job)
                    .contains("is not on this machine");
            assertThat(heard.finished).isEmpty();
            assertThat(c.job(job).status()).isEqualTo(JobStatus.APPROVED);
            assertThat(c.events(job, true)).noneMatch(e -> e.type().startsWith("job.") && !e.type().equals("job.approved"));
            assertThat(c.queueDepth()).containsEntry("text.upper", 1);
        }
    }

    @Test
    void aJobWhoseAgentDiedIsResumedOnceItsLeaseLapsed() {
        try (Concierge c = open(new UpperWorker())) {
            String job = approved(c, 1).get(0);
            // A dead agent: it claimed the job an hour ago, marked it RUNNING, and never renewed.
            FileWorkQueue past = queue(Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));
            past.claim(new ClaimRequest("dead", List.of(), Duration.ofSeconds(30), Set.of())).orElseThrow();
            FileWorkspace workspace = FileWorkspace.open(root, new Codecs(), false, "");
            new JobFiles(workspace).update(job, j -> JobTransition.move(j, JobStatus.RUNNING).build());

            RecordingListener heard = new RecordingListener();
            c.agent(AgentOptions.builder().exitWhenIdle(true).build(), heard).run();
            assertThat(heard.claimed).containsExactly(job + " text.upper@1.0.0 resumes");
            assertThat(c.job(job).status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(started(c, job)).singleElement().satisfies(e ->
                    assertThat(((Number) e.payload().get("lease_token")).longValue()).isEqualTo(2));
        }
    }

    @Test
    void anAgentClosedBeforeItRanRefusesToRunAndAgentsRunOnce() {
        try (Concierge c = open(new UpperWorker())) {
            Agent closed = c.agent(AgentOptions.defaults(), AgentListener.NONE);
            closed.close();
            assertThatThrownBy(closed::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("was closed");
            Agent once = c.agent(AgentOptions.builder().exitWhenIdle(true).build(), AgentListener.NONE);
            once.run();
            assertThatThrownBy(once::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("already ran");
            assertThat(c.agents()).isEmpty();
        }
    }

    @Test
    void anApprovalInAnotherWorkspaceHandleWakesAWaitingAgent() throws Exception {
        try (Concierge c = open(new UpperWorker()); Concierge other = open(new UpperWorker())) {
            RecordingListener heard = new RecordingListener();
            // An hour's lease: its wait for work times out only after an hour, so only the signal can wake it.
            Agent agent = c.agent(AgentOptions.builder().leaseDuration(Duration.ofHours(1)).build(), heard);
            CompletableFuture<Void> running = CompletableFuture.runAsync(agent::run);
            await("the agent announced itself", () -> !c.agents().isEmpty());
            String job = approved(other, 1).get(0);
            await("the approved job ran", () -> !heard.finished.isEmpty());
            assertThat(c.job(job).status()).isEqualTo(JobStatus.COMPLETED);
            agent.close();
            running.get(GUARD_SECONDS, TimeUnit.SECONDS);
        }
    }
}
