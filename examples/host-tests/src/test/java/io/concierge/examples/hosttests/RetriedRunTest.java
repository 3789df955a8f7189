package io.concierge.examples.hosttests;

import static io.concierge.testkit.ConciergeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.event.EventTypes;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import io.concierge.testkit.ConciergeExtension;
import io.concierge.testkit.FakeWorker;
import io.concierge.testkit.TestConcierge;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A job the policy approved survives a worker that fails once: the package allows one retry. */
class RetriedRunTest {
    final FakeWorker flaky = FakeWorker.builder("audio.normalize").inputs("audio_file").outputs("audio")
            .writes("audio", "episode-normalized.wav", "RIFF normalized")
            .failsFirst(1, "device.busy", "the sound card is busy")
            .build();

    @RegisterExtension
    final ConciergeExtension extension = new ConciergeExtension(builder -> builder
            .worker(flaky).withPackage(Packages.NORMALIZE).withFile("inbox/episode.wav", "RIFF original"));

    @Test
    void failureThenSuccessCompletesOnTheRetry(TestConcierge concierge) {
        concierge.clock().set(Instant.parse("2026-03-02T09:00:00Z"));
        Job job = concierge.createJob(concierge.synthesize("Normalize inbox/episode.wav").id());
        new ApprovalPolicy("policy-bot", Set.of("audio.normalize"), concierge.file("inbox"), concierge.clock())
                .review(concierge, job.id());

        Run run = concierge.run(job.id(), RunOptions.defaults());

        assertThat(run.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(concierge.job(job.id())).in(concierge).hasStatus(JobStatus.COMPLETED).hasArtifact("episode-normalized.wav");
        assertThat(concierge.readArtifact(job.id(), "episode-normalized.wav")).isEqualTo("RIFF normalized");
        assertThat(concierge.events(job.id(), false)).hasEventCount(EventTypes.STEP_STARTED, 2)
                .hasEventCount(EventTypes.STEP_RETRIED, 1).hasNoEvent(EventTypes.STEP_FAILED)
                .hasEvent(EventTypes.JOB_COMPLETED);
        assertThat(flaky.takeInvocation().attempt()).isEqualTo(1);
        assertThat(flaky.takeInvocation().attempt()).isEqualTo(2);
        assertThat(flaky.invocationCount()).isEqualTo(2);
    }
}
