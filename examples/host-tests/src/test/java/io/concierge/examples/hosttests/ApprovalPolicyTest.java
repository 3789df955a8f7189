package io.concierge.examples.hosttests;

import static io.concierge.testkit.ConciergeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.approval.Approval;
import io.concierge.api.approval.ApprovalAction;
import io.concierge.api.event.EventTypes;
import io.concierge.api.failure.InvalidTransitionException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import io.concierge.testkit.ConciergeExtension;
import io.concierge.testkit.FakeWorker;
import io.concierge.testkit.TestConcierge;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The host's approval rules, checked in memory: fake workers stand in for the real ones, the
 * clock is the testkit's, and each test gets a fresh workspace holding an inbox and a folder
 * outside it.
 */
class ApprovalPolicyTest {
    private static final Instant TEN_AM = Instant.parse("2026-03-02T10:00:00Z");

    final FakeWorker normalize = FakeWorker.builder("audio.normalize").inputs("audio_file").outputs("audio")
            .writes("audio", "episode-normalized.wav", "RIFF normalized").build();
    final FakeWorker purge = FakeWorker.builder("files.purge").inputs("target").outputs("receipt").build();

    @RegisterExtension
    final ConciergeExtension extension = new ConciergeExtension(builder -> builder
            .worker(normalize).worker(purge)
            .withPackage(Packages.NORMALIZE).withPackage(Packages.PURGE)
            .withFile("inbox/episode.wav", "RIFF original")
            .withFile("inbox/old.log", "old lines")
            .withFile("downloads/episode.wav", "RIFF from somewhere"));

    private static ApprovalPolicy policy(TestConcierge concierge) {
        return new ApprovalPolicy("policy-bot", Set.of("audio.normalize"), concierge.file("inbox"), concierge.clock());
    }

    private static Job draft(TestConcierge concierge, String sentence) {
        return concierge.createJob(concierge.synthesize(sentence).id());
    }

    @Test
    void allowListedJobOnAnInboxFileIsApprovedAndRuns(TestConcierge concierge) {
        concierge.clock().set(TEN_AM);
        Job job = draft(concierge, "Normalize inbox/episode.wav");

        ApprovalPolicy.Decision decision = policy(concierge).review(concierge, job.id());

        assertThat(decision.approved()).as(decision.reason()).isTrue();
        Job approved = concierge.job(job.id());
        assertThat(approved).hasStatus(JobStatus.APPROVED).hasInput("audio_file", "/work/inbox/episode.wav");
        assertThat(approved.approvalLog()).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo(ApprovalAction.APPROVED);
            assertThat(a.by()).isEqualTo("policy-bot");
            assertThat(a.at()).isEqualTo(TEN_AM);
        });
        assertThat(concierge.plan(job.id(), null)).usesPackage("audio.normalize@1.0.0").hasStep("normalize");

        Run run = concierge.run(job.id(), RunOptions.defaults());
        assertThat(concierge.job(job.id())).in(concierge).hasStatus(JobStatus.COMPLETED).hasArtifact("episode-normalized.wav");
        assertThat(concierge.events(job.id(), false)).stepsInOrder("normalize").hasNoEvent(EventTypes.STEP_RETRIED)
                .hasEvent(EventTypes.JOB_COMPLETED);
        assertThat(normalize.takeInvocation().runId()).isEqualTo(run.id());
    }

    @Test
    void fileOutsideTheInboxIsDeniedAndTheJobCannotRun(TestConcierge concierge) {
        concierge.clock().set(TEN_AM);
        Job job = draft(concierge, "Normalize downloads/episode.wav");

        ApprovalPolicy.Decision decision = policy(concierge).review(concierge, job.id());

        assertThat(decision.approved()).isFalse();
        assertThat(decision.reason()).isEqualTo("input audio_file (/work/downloads/episode.wav) is outside the inbox /work/inbox");
        assertThat(concierge.job(job.id())).hasStatus(JobStatus.PLANNED);
        assertThat(concierge.events(job.id(), true)).hasEvent(EventTypes.APPROVAL_DENIED).hasNoEvent(EventTypes.APPROVAL_GRANTED);
        assertThatThrownBy(() -> concierge.run(job.id(), RunOptions.defaults()))
                .isInstanceOf(InvalidTransitionException.class);
        assertThat(normalize.invocations()).isEmpty();
    }

    @Test
    void packageOffTheAllowListIsDenied(TestConcierge concierge) {
        concierge.clock().set(TEN_AM);
        Job job = draft(concierge, "Purge inbox/old.log");
        assertThat(job.packageId()).isEqualTo("files.purge");

        ApprovalPolicy.Decision decision = policy(concierge).review(concierge, job.id());

        assertThat(decision.reason()).isEqualTo("package files.purge is not allow-listed [audio.normalize]; a person must approve it");
        assertThat(concierge.job(job.id()).lastDecision()).map(Approval::note).hasValue(decision.reason());
        assertThat(purge.invocations()).isEmpty();
    }

    @Test
    void afterHoursTheJobWaitsUntilTheNextMorning(TestConcierge concierge) {
        concierge.clock().set(Instant.parse("2026-03-02T22:30:00Z"));
        Job job = draft(concierge, "Normalize inbox/episode.wav");
        ApprovalPolicy policy = policy(concierge);

        ApprovalPolicy.Decision night = policy.review(concierge, job.id());
        assertThat(night.approved()).isFalse();
        assertThat(night.reason()).startsWith("it is 22:30 UTC, outside office hours (08:00 to 18:00 UTC)");
        assertThat(concierge.job(job.id())).hasStatus(JobStatus.PLANNED);

        concierge.clock().advance(Duration.ofHours(10)); // 08:30 the next day
        ApprovalPolicy.Decision morning = policy.review(concierge, job.id());
        assertThat(morning.approved()).isTrue();
        assertThat(concierge.job(job.id()).approvalLog()).extracting(Approval::action)
                .containsExactly(ApprovalAction.DENIED, ApprovalAction.APPROVED);
        assertThat(concierge.run(job.id(), RunOptions.defaults()).status()).isEqualTo(JobStatus.COMPLETED);
    }
}
