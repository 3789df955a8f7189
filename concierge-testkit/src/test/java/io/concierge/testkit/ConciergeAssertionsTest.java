package io.concierge.testkit;

import static io.concierge.testkit.ConciergeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.plan.Plan;
import io.concierge.api.plan.Step;
import io.concierge.api.run.RunOptions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each assertion passes on a match and, on a mismatch, says what was there instead. */
class ConciergeAssertionsTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static Job draft() {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("audio_file", "/work/episode.wav");
        inputs.put("target_loudness", "-14");
        return Job.builder().id("j_1").pkg("audio.normalize", "1.0.0").status(JobStatus.DRAFT).inputs(inputs)
                .createdAt(T).updatedAt(T).build();
    }

    private static Plan plan() {
        Step step = new Step("normalize", "audio.normalize", "1.0.0", Map.of("audio_file", "/work/episode.wav"),
                Map.of("target_loudness", "-14"));
        return new Plan("p_1", "j_1", "audio.normalize", "1.0.0", "", "", 0.9, T,
                Map.of("audio_file", "/work/episode.wav", "target_loudness", "-14"), List.of(step),
                Map.of("audio", "${steps.normalize.audio}"), true, 0, 60, "h");
    }

    private static List<Event> events() {
        return List.of(new Event(T, EventTypes.JOB_STARTED, "j_1", "r_1", Map.of()),
                new Event(T, EventTypes.STEP_STARTED, "j_1", "r_1", Map.of("step_id", "normalize")),
                new Event(T, EventTypes.STEP_COMPLETED, "j_1", "r_1", Map.of("step_id", "normalize")),
                new Event(T, EventTypes.STEP_STARTED, "j_1", "r_1", Map.of("step_id", "encode")),
                new Event(T, EventTypes.STEP_COMPLETED, "j_1", "r_1", Map.of("step_id", "encode")),
                new Event(T, EventTypes.JOB_COMPLETED, "j_1", "r_1", Map.of()));
    }

    @Test
    void hasStatusNamesTheActualStatus() {
        assertThat(draft()).hasStatus(JobStatus.DRAFT);
        assertThatThrownBy(() -> assertThat(draft()).hasStatus(JobStatus.COMPLETED)).isInstanceOf(AssertionError.class)
                .hasMessage("expected job j_1 to have status COMPLETED but was DRAFT");
    }

    @Test
    void hasStatusInAConciergeNamesTheLastRunError() {
        try (TestConcierge concierge = TestConcierge.builder().withPackage(Packages.NORMALIZE).withFile("episode.wav", "x")
                .worker(FakeWorker.builder("audio.normalize").outputs("audio").failsAlways("input.invalid", "not a WAV").build())
                .open()) {
            Job job = concierge.approvedJob("Normalize episode.wav");
            concierge.run(job.id(), RunOptions.defaults());
            Job failed = concierge.job(job.id());
            assertThatThrownBy(() -> assertThat(failed).in(concierge).hasStatus(JobStatus.COMPLETED))
                    .hasMessageStartingWith("expected job " + job.id() + " to have status COMPLETED but was FAILED (last error: ")
                    .hasMessageContaining("not a WAV");
            assertThatThrownBy(() -> assertThat(failed).in(concierge).hasArtifact("out.wav"))
                    .hasMessageContaining("to have artifact out.wav but its artifacts were []")
                    .hasMessageContaining("not a WAV");
        }
    }

    @Test
    void hasInputComparesNumbersByValue() {
        assertThat(draft()).hasInput("target_loudness", -14).hasInput("target_loudness", "-14.0")
                .hasInput("audio_file", "/work/episode.wav");
        assertThatThrownBy(() -> assertThat(draft()).hasInput("target_loudness", -16))
                .hasMessageStartingWith("expected job j_1 to have input target_loudness = -16 but was '-14'");
        assertThatThrownBy(() -> assertThat(draft()).hasInput("format", "mp3"))
                .hasMessageContaining("input format = mp3 but it has no such input")
                .hasMessageContaining("target_loudness=-14");
    }

    @Test
    void hasArtifactNeedsTheWorkspaceAndListsWhatIsThere() {
        assertThatThrownBy(() -> assertThat(draft()).hasArtifact("out.wav"))
                .hasMessageContaining("assertThat(job).in(concierge).hasArtifact(\"out.wav\")");
        try (TestConcierge concierge = TestConcierge.builder().withPackage(Packages.NORMALIZE).withFile("episode.wav", "x")
                .worker(FakeWorker.builder("audio.normalize").writes("audio", "n.wav", "RIFF").build()).open()) {
            Job job = concierge.approvedJob("Normalize episode.wav");
            concierge.run(job.id(), RunOptions.defaults());
            assertThat(concierge.job(job.id())).in(concierge).hasArtifact("n.wav");
            assertThatThrownBy(() -> assertThat(job).in(concierge).hasArtifact("out.wav"))
                    .hasMessage("expected job " + job.id() + " to have artifact out.wav but its artifacts were [n.wav]");
        }
    }

    @Test
    void descriptionsAreKept() {
        assertThatThrownBy(() -> assertThat(draft()).as("the draft").hasStatus(JobStatus.APPROVED))
                .hasMessageContaining("[the draft]").hasMessageContaining("but was DRAFT");
    }

    @Test
    void hasEventListsTheEventsThereWere() {
        assertThat(events()).hasEvent(EventTypes.JOB_COMPLETED).hasEventCount(EventTypes.STEP_STARTED, 2)
                .hasNoEvent(EventTypes.STEP_RETRIED).hasSize(6);
        assertThatThrownBy(() -> assertThat(events()).hasEvent(EventTypes.STEP_RETRIED))
                .hasMessageStartingWith("expected an event of type step.retried but the events were [job.started, "
                        + "step.started(normalize), step.completed(normalize), step.started(encode)");
        assertThatThrownBy(() -> assertThat(events()).hasNoEvent(EventTypes.JOB_STARTED))
                .hasMessageStartingWith("expected no event of type job.started but found 1");
        assertThatThrownBy(() -> assertThat(events()).hasEventCount(EventTypes.STEP_STARTED, 3))
                .hasMessageStartingWith("expected 3 events of type step.started but found 2");
    }

    @Test
    void stepsInOrderShowsTheOrderTheyStarted() {
        assertThat(events()).stepsInOrder("normalize", "encode");
        assertThatThrownBy(() -> assertThat(events()).stepsInOrder("encode", "normalize"))
                .hasMessageContaining("expected steps [encode, normalize] to start in this order but the run started [normalize, encode]");
        assertThatThrownBy(() -> assertThat(events()).stepsInOrder("normalize"))
                .hasMessageContaining("but the run started [normalize, encode]");
    }

    @Test
    void eventsKeepAssertJsListAssertions() {
        assertThat(events()).extracting(Event::type).startsWith(EventTypes.JOB_STARTED).endsWith(EventTypes.JOB_COMPLETED);
        assertThatThrownBy(() -> assertThat(events()).isEmpty()).isInstanceOf(AssertionError.class);
    }

    @Test
    void usesPackageNamesThePackageUsed() {
        assertThat(plan()).usesPackage("audio.normalize").usesPackage("audio.normalize@1.0.0").hasStep("normalize");
        assertThatThrownBy(() -> assertThat(plan()).usesPackage("audio.normalize@2.0.0"))
                .hasMessage("expected plan p_1 to use package audio.normalize@2.0.0 but it uses audio.normalize@1.0.0");
        assertThatThrownBy(() -> assertThat(plan()).hasStep("encode"))
                .hasMessage("expected plan p_1 to have step encode but its steps were [normalize]");
    }

    @Test
    void planHasInputComparesNumbersByValue() {
        assertThat(plan()).hasInput("target_loudness", -14).hasInput("target_loudness", -14.0);
        assertThatThrownBy(() -> assertThat(plan()).hasInput("target_loudness", "-16"))
                .hasMessageStartingWith("expected plan p_1 to have input target_loudness = -16 but was '-14'");
        assertThatThrownBy(() -> assertThat(plan()).hasInput("format", "mp3"))
                .hasMessageStartingWith("expected plan p_1 to have input format = mp3 but it has no such input");
    }
}
