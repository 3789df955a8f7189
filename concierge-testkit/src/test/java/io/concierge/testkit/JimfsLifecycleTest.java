package io.concierge.testkit;

import static io.concierge.testkit.ConciergeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import io.concierge.api.failure.InvalidTransitionException;
import io.concierge.api.failure.MissingInputException;
import io.concierge.api.intent.Intent;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.plan.Plan;
import io.concierge.api.run.Artifact;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The core lifecycle, run entirely on an in-memory file system with a fake worker. */
class JimfsLifecycleTest {
    private FakeWorker normalize;
    private TestConcierge concierge;

    @BeforeEach
    void open() {
        normalize = FakeWorker.builder("audio.normalize").inputs("audio_file").params("format")
                .outputs("audio").writes("audio", "episode-normalized.wav", "RIFF normalized").build();
        concierge = TestConcierge.builder().worker(normalize).withPackage(Packages.NORMALIZE)
                .withFile("episode.wav", "RIFF original").open();
    }

    @AfterEach
    void close() {
        concierge.close();
    }

    @Test
    void runsTheWholeLifecycleInMemory() throws Exception {
        Intent intent = concierge.synthesize("Normalize podcast episode.wav to FLAC");
        Job job = concierge.createJob(intent.id());
        assertThat(job).hasStatus(JobStatus.DRAFT).hasInput("audio_file", "/work/episode.wav")
                .hasInput("format", "flac");
        assertThat(job.packageRef()).isEqualTo("audio.normalize@1.0.0");

        Plan plan = concierge.generatePlan(job.id());
        assertThat(plan).usesPackage("audio.normalize@1.0.0").hasStep("normalize").hasInput("format", "flac");
        concierge.approve(job.id(), null, "levels checked");
        assertThat(concierge.job(job.id())).hasStatus(JobStatus.APPROVED);
        assertThat(concierge.job(job.id()).approvalLog()).singleElement()
                .satisfies(a -> assertThat(a.by()).isEqualTo("tester"));

        Run run = concierge.run(job.id(), RunOptions.defaults());
        assertThat(run.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(concierge.job(job.id())).in(concierge).hasStatus(JobStatus.COMPLETED)
                .hasArtifact("episode-normalized.wav");
        assertThat(concierge.readArtifact(job.id(), "episode-normalized.wav")).isEqualTo("RIFF normalized");

        List<Event> events = concierge.events(job.id(), false);
        assertThat(events).extracting(Event::type).containsExactly(EventTypes.JOB_STARTED, EventTypes.STEP_STARTED,
                EventTypes.STEP_COMPLETED, EventTypes.JOB_COMPLETED);
        assertThat(events).stepsInOrder("normalize").hasNoEvent(EventTypes.STEP_RETRIED);
        assertThat(concierge.validate(job.id()).isValid()).isTrue();

        FakeWorker.Invocation call = normalize.takeInvocation();
        assertThat(call.jobId()).isEqualTo(job.id());
        assertThat(call.runId()).isEqualTo(run.id());
        assertThat(call.stepId()).isEqualTo("normalize");
        assertThat(call.attempt()).isEqualTo(1);
        assertThat(call.inputs()).containsEntry("audio_file", "/work/episode.wav");
        assertThat(call.params()).containsEntry("format", "flac");
        assertThat(normalize.invocationCount()).isEqualTo(1);
    }

    @Test
    void noFileOfTheWorkspaceIsOnTheDefaultFileSystem() {
        Job job = concierge.approvedJob("Normalize episode.wav");
        concierge.run(job.id(), RunOptions.defaults());

        Path root = concierge.workspace().root();
        assertThat(root.getFileSystem()).isSameAs(concierge.fileSystem()).isNotSameAs(FileSystems.getDefault());
        assertThat(concierge.artifacts(job.id())).extracting(Artifact::path)
                .allSatisfy(p -> assertThat(p.getFileSystem()).isSameAs(concierge.fileSystem()));
        assertThat(Files.exists(root.resolve("jobs").resolve(job.id()).resolve("job.yaml"))).isTrue();
        // The same paths on the real disk do not exist: nothing leaked out of memory.
        assertThat(Files.exists(Path.of(root.toString(), "jobs", job.id()))).isFalse();
        assertThat(Files.exists(Path.of("/work/episode.wav"))).isFalse();
    }

    @Test
    void denialReturnsToPlannedAndRefusesToRun() {
        Job job = concierge.approvedJob("Normalize episode.wav");
        Job denied = concierge.deny(job.id(), "bob", "wrong file");
        assertThat(denied).hasStatus(JobStatus.PLANNED);
        assertThat(denied.approvalLog()).hasSize(2).last().satisfies(a -> assertThat(a.note()).isEqualTo("wrong file"));
        assertThat(concierge.events(job.id(), true)).extracting(Event::type)
                .containsExactly(EventTypes.APPROVAL_REQUESTED, EventTypes.APPROVAL_GRANTED, EventTypes.APPROVAL_DENIED);
        assertThatThrownBy(() -> concierge.run(job.id(), RunOptions.defaults()))
                .isInstanceOf(InvalidTransitionException.class).hasMessageContaining("approve");
        assertThat(normalize.invocations()).isEmpty();
    }

    @Test
    void missingInputNamesTheInputUntilItIsSet() {
        Job job = concierge.createJob(concierge.synthesize("Normalize the podcast").id());
        assertThat(job).hasInput("audio_file", "");
        assertThatThrownBy(() -> concierge.generatePlan(job.id())).isInstanceOf(MissingInputException.class)
                .hasMessageContaining("audio_file");
        assertThat(concierge.job(job.id())).hasStatus(JobStatus.DRAFT);

        concierge.setInputs(job.id(), Map.of("audio_file", "episode.wav"));
        assertThat(concierge.generatePlan(job.id())).hasInput("audio_file", "/work/episode.wav");
    }

    @Test
    void failingWorkerGivesFailedRunWithItsMessage() {
        try (TestConcierge failing = TestConcierge.builder()
                .worker(FakeWorker.builder("audio.normalize").outputs("audio").failsAlways("input.invalid", "not a WAV").build())
                .withPackage(Packages.NORMALIZE).withFile("episode.wav", "x").open()) {
            Job job = failing.approvedJob("Normalize episode.wav");
            Run run = failing.run(job.id(), RunOptions.defaults());
            assertThat(run.status()).isEqualTo(JobStatus.FAILED);
            assertThat(run.error()).contains("not a WAV");
            assertThat(failing.events(job.id(), false)).hasEvent(EventTypes.STEP_FAILED).hasEvent(EventTypes.JOB_FAILED)
                    .hasNoEvent(EventTypes.STEP_RETRIED);
        }
    }
}
