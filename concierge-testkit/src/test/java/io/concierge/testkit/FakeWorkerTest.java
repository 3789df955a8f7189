package io.concierge.testkit;

import static io.concierge.testkit.ConciergeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerResult;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scripted outputs, failures with retries, delays and the invocation record of {@link FakeWorker}. */
class FakeWorkerTest {

    @Test
    void retryableFailuresAreRetriedThenTheRunCompletes() {
        FakeWorker normalize = FakeWorker.builder("audio.normalize").outputs("audio")
                .writes("audio", "normalized.wav", "RIFF n").failsFirst(2, "device.busy", "the sound card is busy").build();
        FakeWorker encode = FakeWorker.builder("audio.encode").outputs("audio").writes("audio", "episode.mp3", "ID3").build();
        try (TestConcierge concierge = TestConcierge.builder().worker(normalize).worker(encode)
                .withPackage(Packages.PODCAST).withFile("episode.wav", "RIFF").open()) {
            Job job = concierge.approvedJob("Master podcast episode.wav");
            Run run = concierge.run(job.id(), RunOptions.defaults());

            assertThat(run.status()).isEqualTo(JobStatus.COMPLETED);
            List<Event> events = concierge.events(job.id(), false);
            assertThat(events).hasEventCount(EventTypes.STEP_RETRIED, 2).hasNoEvent(EventTypes.STEP_FAILED)
                    .stepsInOrder("normalize", "encode").hasEvent(EventTypes.JOB_COMPLETED);
            assertThat(events).filteredOn(e -> e.type().equals(EventTypes.STEP_RETRIED))
                    .allSatisfy(e -> assertThat(e.payload()).containsEntry("error_type", "device.busy")
                            .containsEntry("error", "the sound card is busy"));
            assertThat(concierge.job(job.id())).in(concierge).hasArtifact("normalized.wav").hasArtifact("episode.mp3");

            assertThat(normalize.invocations()).extracting(FakeWorker.Invocation::attempt).containsExactly(1, 2, 3);
            assertThat(normalize.takeInvocation().stepId()).isEqualTo("normalize");
            FakeWorker.Invocation encoded = encode.takeInvocation();
            assertThat(encoded.attempt()).isEqualTo(1);
            assertThat(encoded.inputs().get("audio_file")).endsWith("/artifacts/normalized.wav");
        }
    }

    @Test
    void moreFailuresThanRetriesFailTheRunAfterTheLastAttempt() {
        FakeWorker normalize = FakeWorker.builder("audio.normalize").outputs("audio")
                .failsFirst(5, "device.busy", "still busy").build();
        FakeWorker encode = FakeWorker.builder("audio.encode").outputs("audio").build();
        try (TestConcierge concierge = TestConcierge.builder().worker(normalize).worker(encode)
                .withPackage(Packages.PODCAST).withFile("episode.wav", "RIFF").open()) {
            Job job = concierge.approvedJob("Master podcast episode.wav");
            Run run = concierge.run(job.id(), RunOptions.defaults());

            assertThat(run.status()).isEqualTo(JobStatus.FAILED);
            assertThat(run.error()).contains("still busy");
            assertThat(concierge.events(job.id(), false)).hasEventCount(EventTypes.STEP_RETRIED, 2)
                    .hasEvent(EventTypes.STEP_FAILED).hasEvent(EventTypes.JOB_FAILED).stepsInOrder("normalize");
            assertThat(normalize.invocationCount()).isEqualTo(3);
            assertThat(encode.invocations()).isEmpty();
        }
    }

    @Test
    void nonRetryableFailureIsNotRetried() {
        FakeWorker normalize = FakeWorker.builder("audio.normalize").outputs("audio")
                .failsAlways("input.invalid", "not a WAV file").build();
        try (TestConcierge concierge = TestConcierge.builder().worker(normalize)
                .worker(FakeWorker.builder("audio.encode").outputs("audio").build())
                .withPackage(Packages.PODCAST).withFile("episode.wav", "RIFF").open()) {
            Job job = concierge.approvedJob("Master podcast episode.wav");
            assertThat(concierge.run(job.id(), RunOptions.defaults()).status()).isEqualTo(JobStatus.FAILED);
            assertThat(concierge.events(job.id(), false)).hasNoEvent(EventTypes.STEP_RETRIED)
                    .filteredOn(e -> e.type().equals(EventTypes.STEP_FAILED)).singleElement()
                    .satisfies(e -> assertThat(e.payload()).containsEntry("error_type", "input.invalid"));
            assertThat(normalize.invocationCount()).isEqualTo(1);
        }
    }

    @Test
    void unscriptedOutputsGetAPlaceholderFileNamedAfterStepAndOutput() throws Exception {
        FakeWorker fake = FakeWorker.builder("audio.normalize").outputs("audio", "report").build();
        assertThat(fake.descriptor().outputs()).containsExactly("audio", "report");
        try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
            WorkerTestContext ctx = stubContext(fs);
            WorkerResult result = fake.execute(ctx);
            assertThat(result.outputs()).containsOnlyKeys("audio", "report");
            assertThat(Files.readString(result.outputs().get("report"))).isEqualTo("fake report");
            assertThat(result.outputs().get("report").getFileName()).hasToString("step-report.txt");
        }
    }

    @Test
    void writesAddsItsOutputToTheDescriptor() {
        FakeWorker fake = FakeWorker.builder("text.upper").writes("text", "OUT.txt", "X").build();
        assertThat(fake.descriptor().outputs()).containsExactly("text");
        assertThat(fake.descriptor().version()).isEqualTo("1.0.0");
    }

    @Test
    void takeInvocationFailsWhenThereIsNoneLeft() {
        FakeWorker fake = FakeWorker.builder("audio.normalize").build();
        assertThatThrownBy(() -> fake.takeInvocation(Duration.ofMillis(20))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("audio.normalize was not invoked").hasMessageContaining("0 invocations");
    }

    @Test
    void delayEndsEarlyWhenTheRunIsHalted() throws Exception {
        FakeWorker slow = FakeWorker.builder("audio.normalize").delay(Duration.ofSeconds(30)).outputs("audio").build();
        try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
            WorkerTestContext ctx = stubContext(fs);
            Thread halter = new Thread(() -> {
                sleep(100);
                ctx.halt();
            });
            long start = System.nanoTime();
            halter.start();
            assertThatThrownBy(() -> slow.execute(ctx)).isInstanceOf(WorkerContext.HaltedException.class);
            halter.join();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(slow.invocationCount()).isEqualTo(1);
        }
    }

    @Test
    void delayTakesAtLeastTheGivenTime() throws Exception {
        FakeWorker slow = FakeWorker.builder("audio.normalize").delay(Duration.ofMillis(150)).outputs("audio").build();
        try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
            long start = System.nanoTime();
            slow.execute(stubContext(fs));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A context on the in-memory file system for calling a worker directly. */
    private static WorkerTestContext stubContext(FileSystem fs) {
        return WorkerTestContext.builder(fs.getPath("/step")).ids("j_1", "r_1", "step").input("audio_file", "/in.wav").build();
    }
}
