package io.concierge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.Concierge;
import io.concierge.api.event.Event;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.WorkerFailure;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Step cache, resume and parallel steps. */
class RunnerFeaturesTest {
    @TempDir
    Path tmp;
    Path workspace;
    Path in;

    /** Writes "<tag>:<content of the input>" to <tag>.txt, counting calls; can be told to fail or to wait for a partner. */
    static final class TagWorker implements Worker {
        final String id;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicBoolean failing = new AtomicBoolean();
        volatile CountDownLatch rendezvous;

        TagWorker(String id) {
            this.id = id;
        }

        @Override
        public WorkerDescriptor descriptor() {
            return new WorkerDescriptor(id, "1.0.0", "tags text", List.of("text_file"), List.of("tag"), List.of("text"));
        }

        @Override
        public WorkerResult execute(WorkerContext ctx) throws Exception {
            calls.incrementAndGet();
            if (failing.get()) {
                throw WorkerFailure.retryable("test.failure", id + " fails on purpose", null);
            }
            CountDownLatch partner = rendezvous;
            if (partner != null) {
                partner.countDown();
                if (!partner.await(10, TimeUnit.SECONDS)) {
                    throw WorkerFailure.nonRetryable("test.serial", id + " ran alone: steps did not run in parallel");
                }
            }
            String tag = ctx.params().require("tag");
            Path out = ctx.outputFile(tag + ".txt");
            Files.writeString(out, tag + ":" + Files.readString(ctx.inputFile("text_file")));
            return WorkerResult.builder().output("text", out).build();
        }
    }

    static final String PIPELINE = """
            id: text.pipeline
            version: 1.0.0
            intent:
              verbs: [tag]
              extensions: [txt]
            inputs:
              text_file:
                type: file
                required: true
            steps:
              - id: left
                worker: tag.a
                inputs:
                  text_file: ${inputs.text_file}
                params:
                  tag: left
              - id: right
                worker: tag.b
                inputs:
                  text_file: ${inputs.text_file}
                params:
                  tag: right
              - id: join
                worker: tag.c
                inputs:
                  text_file: ${steps.left.text}
                params:
                  tag: join-${steps.right.text}
            outputs:
              joined: ${steps.join.text}
            """;

    final TagWorker a = new TagWorker("tag.a");
    final TagWorker b = new TagWorker("tag.b");
    final TagWorker c = new TagWorker("tag.c");

    @BeforeEach
    void setUp() throws Exception {
        workspace = tmp.resolve("ws");
        in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("notes.txt"), "hello");
        open().close();
        Path dir = Files.createDirectories(workspace.resolve("packages/text/pipeline/v1.0.0"));
        Files.writeString(dir.resolve("package.yaml"), PIPELINE.replace("tag: join-${steps.right.text}", "tag: join"));
    }

    private Concierge open() {
        return Concierge.builder(workspace).workingDirectory(in).discoverWorkers(false)
                .worker(a).worker(b).worker(c).open();
    }

    private Job approved(Concierge concierge) {
        Job job = concierge.createJob(concierge.synthesize("Tag notes.txt").id());
        concierge.generatePlan(job.id());
        return concierge.approve(job.id(), "alice", "");
    }

    private static List<String> types(List<Event> events) {
        return events.stream().map(Event::type).toList();
    }

    @Test
    void independentStepsRunInParallelAndTheJoinWaitsForBoth() throws Exception {
        // The join needs both: right's output as an extra param (setUp's plain tag drops that need).
        Files.writeString(workspace.resolve("packages/text/pipeline/v1.0.0/package.yaml"),
                PIPELINE.replace("tag: join-${steps.right.text}", "tag: join\n      after: ${steps.right.text}"));
        CountDownLatch both = new CountDownLatch(2);
        a.rendezvous = both;
        b.rendezvous = both;
        try (Concierge concierge = open()) {
            Job job = approved(concierge);
            Run run = concierge.run(job.id(), RunOptions.builder().parallelSteps(2).build());
            assertThat(run.status()).as(run.error()).isEqualTo(JobStatus.COMPLETED);
            List<Event> events = concierge.events(job.id(), false);
            int joinStarted = indexOf(events, "step.started", "join");
            assertThat(joinStarted).isGreaterThan(indexOf(events, "step.completed", "left"))
                    .isGreaterThan(indexOf(events, "step.completed", "right"));
        }
    }

    @Test
    void aSharedArtifactsRootTakesArtifactsManifestAndCacheWhileRecordsStayInTheWorkspace() throws Exception {
        Path shared = tmp.resolve("shared mount");
        try (Concierge concierge = open()) {
            concierge.setConfig("artifacts.root", shared.toString());
        }
        try (Concierge concierge = open()) {
            Job job = approved(concierge);
            assertThat(concierge.run(job.id(), RunOptions.defaults()).status()).isEqualTo(JobStatus.COMPLETED);
            Path artifacts = shared.resolve("jobs").resolve(job.id()).resolve("artifacts");
            assertThat(artifacts.resolve("join.txt")).hasContent("join:left:hello");
            assertThat(artifacts.resolveSibling("manifest.json")).exists();
            assertThat(workspace.resolve("jobs").resolve(job.id()).resolve("artifacts")).doesNotExist();
            assertThat(workspace.resolve("jobs").resolve(job.id()).resolve("job.yaml")).exists();
            assertThat(concierge.validate(job.id()).findings()).isEmpty();

            Job second = approved(concierge);
            concierge.run(second.id(), RunOptions.defaults());
            assertThat(a.calls).hasValue(1); // the second job's steps came from the shared cache
            assertThat(shared.resolve("cache")).isDirectory();

            Files.writeString(artifacts.resolve("join.txt"), "edited");
            assertThat(concierge.validate(job.id()).findings()).isNotEmpty();
        }
    }

    @Test
    void anArtifactsRootMustBeAnAbsoluteFolder() {
        try (Concierge concierge = open()) {
            for (String bad : List.of("relative/dir", "/mnt/../etc", "/a\nb")) {
                assertThatThrownBy(() -> concierge.setConfig("artifacts.root", bad.replace("\\n", "\n")))
                        .isInstanceOf(InvalidInputException.class).hasMessageContaining("absolute folder path");
            }
        }
    }

    @Test
    void oneStepAtATimeWhenParallelismIsOne() {
        CountDownLatch both = new CountDownLatch(2);
        a.rendezvous = both;
        b.rendezvous = both;
        try (Concierge concierge = open()) {
            concierge.setConfig("router.max_parallel_steps", "1");
            Job job = approved(concierge);
            a.rendezvous = new CountDownLatch(1);
            b.rendezvous = new CountDownLatch(1);
            assertThat(concierge.run(job.id(), RunOptions.defaults()).status()).isEqualTo(JobStatus.COMPLETED);
        }
    }

    @Test
    void identicalStepsInAnotherJobComeFromTheCache() throws Exception {
        try (Concierge concierge = open()) {
            Job first = approved(concierge);
            assertThat(concierge.run(first.id(), RunOptions.defaults()).status()).isEqualTo(JobStatus.COMPLETED);
            Job second = approved(concierge);
            assertThat(concierge.run(second.id(), RunOptions.defaults()).status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(a.calls.get() + b.calls.get() + c.calls.get()).isEqualTo(3);
            assertThat(types(concierge.events(second.id(), false))).contains("step.cached").doesNotContain("step.started");
            Path artifact = workspace.resolve("jobs").resolve(second.id()).resolve("artifacts").resolve("join.txt");
            assertThat(Files.readString(artifact)).isEqualTo("join:left:hello");

            Job third = approved(concierge);
            concierge.run(third.id(), RunOptions.builder().useCache(false).build());
            assertThat(a.calls.get()).isEqualTo(2);

            assertThat(concierge.cacheStats().entries()).isEqualTo(3);
            assertThat(concierge.pruneCache().bytes()).isPositive();
            assertThat(concierge.cacheStats().entries()).isZero();
        }
    }

    @Test
    void changedInputIsNotACacheHit() throws Exception {
        try (Concierge concierge = open()) {
            concierge.run(approved(concierge).id(), RunOptions.defaults());
            Files.writeString(in.resolve("notes.txt"), "changed");
            Job second = approved(concierge);
            concierge.run(second.id(), RunOptions.defaults());
            assertThat(a.calls.get()).isEqualTo(2);
            assertThat(Files.readString(workspace.resolve("jobs").resolve(second.id()).resolve("artifacts/join.txt")))
                    .isEqualTo("join:left:changed");
        }
    }

    @Test
    void resumeSkipsFinishedStepsWhoseOutputsAreIntact() throws Exception {
        try (Concierge concierge = open()) {
            Job job = approved(concierge);
            c.failing.set(true);
            Run failed = concierge.run(job.id(), RunOptions.builder().useCache(false).build());
            assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
            c.failing.set(false);
            Run resumed = concierge.run(job.id(), RunOptions.builder().useCache(false).resume(true).build());
            assertThat(resumed.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(a.calls.get()).isEqualTo(1);
            assertThat(b.calls.get()).isEqualTo(1);
            assertThat(c.calls.get()).isEqualTo(2);
            List<Event> events = concierge.events(job.id(), false);
            assertThat(events).filteredOn(e -> e.type().equals("step.skipped")).extracting(Event::stepId)
                    .containsExactlyInAnyOrder("left", "right");
        }
    }

    @Test
    void resumeRerunsAStepWhoseOutputWasChanged() throws Exception {
        try (Concierge concierge = open()) {
            Job job = approved(concierge);
            c.failing.set(true);
            concierge.run(job.id(), RunOptions.builder().useCache(false).build());
            c.failing.set(false);
            Files.writeString(workspace.resolve("jobs").resolve(job.id()).resolve("artifacts/left.txt"), "tampered");
            concierge.run(job.id(), RunOptions.builder().useCache(false).resume(true).build());
            assertThat(a.calls.get()).isEqualTo(2);
            assertThat(b.calls.get()).isEqualTo(1);
        }
    }

    @Test
    void completedJobsAreNotResumedOrRerunWithoutForce() {
        try (Concierge concierge = open()) {
            Job job = approved(concierge);
            concierge.run(job.id(), RunOptions.defaults());
            assertThatThrownBy(() -> concierge.run(job.id(), RunOptions.builder().resume(true).build()))
                    .hasMessageContaining("--force");
            assertThatThrownBy(() -> concierge.run(job.id(), RunOptions.defaults())).hasMessageContaining("--force");
            assertThat(concierge.run(job.id(), RunOptions.builder().force(true).build()).status()).isEqualTo(JobStatus.COMPLETED);
        }
    }

    @Test
    void aStepThatMayFailLetsTheOthersFinish() throws Exception {
        Path dir = workspace.resolve("packages/text/pipeline/v1.0.0");
        Files.writeString(dir.resolve("package.yaml"), PIPELINE.replace("tag: join-${steps.right.text}", "tag: join")
                .replace("worker: tag.b\n", "worker: tag.b\n    on_failure: continue\n"));
        b.failing.set(true);
        try (Concierge concierge = open()) {
            Job job = approved(concierge);
            Run run = concierge.run(job.id(), RunOptions.defaults());
            assertThat(run.status()).as(run.error()).isEqualTo(JobStatus.COMPLETED);
            assertThat(types(concierge.events(job.id(), false))).contains("step.failed");
            assertThat(concierge.plan(job.id(), null).steps().get(1).continueOnFailure()).isTrue();
        }
    }

    @Test
    void onlyListedFailureTypesAreRetried() throws Exception {
        Path dir = workspace.resolve("packages/text/pipeline/v1.0.0");
        Files.writeString(dir.resolve("package.yaml"), PIPELINE.replace("tag: join-${steps.right.text}", "tag: join")
                + "failure_handling:\n  max_retries: 2\n  retry_on: [net.*]\n");
        a.failing.set(true);
        try (Concierge concierge = open()) {
            Job job = approved(concierge);
            assertThat(concierge.run(job.id(), RunOptions.defaults()).status()).isEqualTo(JobStatus.FAILED);
            assertThat(a.calls.get()).isEqualTo(1); // test.failure is not a net.* failure: no retry
            assertThat(concierge.plan(job.id(), null).retryOn()).containsExactly("net.*");
        }
    }

    private static int indexOf(List<Event> events, String type, String step) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).type().equals(type) && events.get(i).stepId().equals(step)) {
                return i;
            }
        }
        throw new AssertionError("no " + type + " of " + step + " in " + events);
    }
}
