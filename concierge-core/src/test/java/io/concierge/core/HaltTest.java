package io.concierge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.Concierge;
import io.concierge.api.event.Event;
import io.concierge.api.failure.InvalidTransitionException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import io.concierge.api.worker.Worker;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerDescriptor;
import io.concierge.api.worker.WorkerResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HaltTest {
    @TempDir
    Path tmp;

    /** Blocks in sleep (not polling) until interrupted, so only the runner's interrupt can stop it. */
    static final class SleepyWorker implements Worker {
        final CountDownLatch started = new CountDownLatch(1);

        @Override
        public WorkerDescriptor descriptor() {
            return new WorkerDescriptor("text.upper", "1.0.0", "sleeps", List.of("text_file"), List.of(), List.of("text"));
        }

        @Override
        public WorkerResult execute(WorkerContext context) throws Exception {
            started.countDown();
            Thread.sleep(60_000);
            throw new AssertionError("not halted");
        }
    }

    @Test
    void aStepOverItsTimeLimitIsStoppedRetriedAndFailed() throws Exception {
        Path ws = tmp.resolve("ws");
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("notes.txt"), "x");
        SleepyWorker worker = new SleepyWorker();
        Concierge.builder(ws).discoverWorkers(false).open().close();
        Path dir = Files.createDirectories(ws.resolve("packages/text/upper/v1.0.0"));
        Files.writeString(dir.resolve("package.yaml"), TestPackages.UPPER
                + "failure_handling:\n  max_retries: 1\n  timeout_seconds: 1\n");
        try (Concierge c = Concierge.builder(ws).workingDirectory(in).discoverWorkers(false).worker(worker).open()) {
            Job job = c.createJob(c.synthesize("Uppercase notes.txt").id());
            c.generatePlan(job.id());
            c.approve(job.id(), "alice", "");
            Run run = c.run(job.id(), RunOptions.defaults());
            assertThat(run.status()).isEqualTo(JobStatus.FAILED);
            assertThat(run.error()).contains("took longer than 1 s");
            List<Event> events = c.events(job.id(), false);
            assertThat(events).extracting(Event::type).containsSubsequence("step.started", "step.retried", "step.started",
                    "step.failed", "job.failed");
            assertThat(events).filteredOn(e -> e.type().equals("step.failed")).singleElement()
                    .satisfies(e -> assertThat(e.payload()).containsEntry("error_type", "step.timeout"));
        }
    }

    @Test
    void haltFromAnotherThreadStopsTheWorkerAndRecordsWho() throws Exception {
        Path ws = tmp.resolve("ws");
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("notes.txt"), "x");
        SleepyWorker worker = new SleepyWorker();
        Concierge.builder(ws).discoverWorkers(false).open().close();
        TestPackages.writeUpperPackage(ws);
        try (Concierge c = Concierge.builder(ws).workingDirectory(in).discoverWorkers(false).worker(worker).open()) {
            Job job = c.createJob(c.synthesize("Uppercase notes.txt").id());
            c.generatePlan(job.id());
            c.approve(job.id(), "alice", "");
            assertThatThrownBy(() -> c.halt(job.id(), "bob")).isInstanceOf(InvalidTransitionException.class)
                    .hasMessageContaining("nothing to halt");
            CompletableFuture<Run> run = CompletableFuture.supplyAsync(() -> c.run(job.id(), RunOptions.defaults()));
            assertThat(worker.started.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(c.status(job.id()).job().status()).isEqualTo(JobStatus.RUNNING);
            assertThatThrownBy(() -> c.run(job.id(), RunOptions.defaults())).hasMessageContaining("already running");
            c.halt(job.id(), "bob");
            Run result = run.get(10, TimeUnit.SECONDS);
            assertThat(result.status()).isEqualTo(JobStatus.HALTED);
            assertThat(c.job(job.id()).status()).isEqualTo(JobStatus.HALTED);
            List<Event> events = c.events(job.id(), false);
            assertThat(events).extracting(Event::type).endsWith("step.failed", "job.halted");
            assertThat(events.get(events.size() - 1).payload().get("reason").toString()).contains("halted by bob");
        }
    }
}
