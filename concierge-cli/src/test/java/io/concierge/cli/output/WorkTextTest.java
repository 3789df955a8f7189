package io.concierge.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.event.Event;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.StatusReport;
import io.concierge.api.run.StepState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkTextTest {

    @Test
    void intentLineIsIdTimeText() {
        assertThat(WorkText.intentLine(Fixtures.intent("Normalize podcast episode.wav")))
                .isEqualTo("3f2a9c1d0b7e  2026-11-25T13:00:00Z  Normalize podcast episode.wav");
    }

    @Test
    void jobLineStartsWithIdThenUpperCaseStatus() {
        String line = WorkText.jobLine(Fixtures.job(JobStatus.COMPLETED));

        assertThat(line).isEqualTo("j_01JDQ7ZK4M8Y3V2N6P0R5S9T1W  COMPLETED  audio.normalize@1.0.0  "
                + "2026-11-25T13:00:00Z  Normalize podcast episode.wav to -14 LUFS");
        assertThat(line.split("\\s+")[0]).isEqualTo("j_01JDQ7ZK4M8Y3V2N6P0R5S9T1W");
    }

    @Test
    void aSummaryLineIsTheJobsLine() {
        Job job = Fixtures.job(JobStatus.COMPLETED);
        Job twoLines = job.toBuilder().intentText("two\r\nlines\u2028three").build();
        StringBuilder out = new StringBuilder();
        WorkText.appendJobLine(out, io.concierge.api.job.JobSummary.of(job));
        WorkText.appendJobLine(out, io.concierge.api.job.JobSummary.of(twoLines));
        assertThat(out.toString()).isEqualTo(WorkText.jobLine(job) + System.lineSeparator()
                + WorkText.jobLine(twoLines) + System.lineSeparator());
        assertThat(WorkText.jobLine(twoLines)).endsWith("two lines three");
    }

    @Test
    void listLinesNeverBreakOnNewlinesInText() {
        assertThat(WorkText.intentLine(Fixtures.intent("two\nlines"))).doesNotContain("\n").endsWith("two lines");
    }

    @Test
    void jobDetailsHaveExactlyOneStatusLine() {
        List<String> lines = WorkText.jobDetails(Fixtures.job(JobStatus.PLANNED));

        assertThat(lines.stream().filter(line -> line.contains("status"))).containsExactly("status: PLANNED");
        assertThat(lines).contains("job: j_01JDQ7ZK4M8Y3V2N6P0R5S9T1W",
                "package: audio.normalize@1.0.0 (confidence 0.92)",
                "inputs:", "  audio_file: /home/alice/episode.wav", "  target_loudness: -14",
                "plan: p_01JDQ80000000000000000000 (hash " + "ab".repeat(32) + ")",
                "  2026-11-25T13:00:01Z  approved by alice  plan p_01JDQ80000000000000000000  \"levels checked\"",
                "last run: r_01JDQ81111111111111111111");
    }

    @Test
    void freeTextMentioningStatusDoesNotAddAStatusLine() {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("query", "select status from orders");
        Job job = Fixtures.job(JobStatus.DRAFT, "Report the status of orders", inputs, List.of());

        List<String> lines = WorkText.jobDetails(job);

        assertThat(lines.stream().filter(line -> line.contains("status"))).containsExactly("status: DRAFT");
        assertThat(lines).contains("  query: select Status from orders");
    }

    @Test
    void statusDetailsHaveOneStatusLineAndOneLinePerStep() {
        StatusReport report = new StatusReport(Fixtures.job(JobStatus.FAILED),
                Optional.of(Fixtures.run(JobStatus.FAILED, "ffmpeg exited with status 1")),
                List.of(new StepState("normalize", "completed", 1, 1.84, ""),
                        new StepState("encode", "failed", 2, 0.5, "ffmpeg exited with status 1")),
                false);

        List<String> lines = WorkText.statusDetails(report);

        assertThat(lines.stream().filter(line -> line.contains("status"))).containsExactly("status: FAILED");
        assertThat(lines).containsExactly(
                "job: j_01JDQ7ZK4M8Y3V2N6P0R5S9T1W",
                "status: FAILED",
                "run: r_01JDQ81111111111111111111  started 2026-11-25T13:00:00Z  ended 2026-11-25T13:00:01Z"
                        + "  took 1.84 s",
                "steps:",
                "  normalize  completed  1  1.84",
                "  encode  failed  2  0.50",
                "error: ffmpeg exited with Status 1");
    }

    @Test
    void statusOfAnInterruptedRunSaysHowToResume() {
        StatusReport report = new StatusReport(Fixtures.job(JobStatus.RUNNING),
                Optional.of(Fixtures.run(JobStatus.RUNNING, "")), List.of(), true);

        List<String> lines = WorkText.statusDetails(report);

        assertThat(lines.stream().filter(line -> line.contains("status"))).containsExactly("status: RUNNING");
        assertThat(lines.get(lines.size() - 1)).startsWith("interrupted: ")
                .contains("bit run --job-id j_01JDQ7ZK4M8Y3V2N6P0R5S9T1W");
    }

    @Test
    void statusOfARunStillGoing() {
        io.concierge.api.run.Run running = new io.concierge.api.run.Run("r_1", "j_1", "p_1", JobStatus.RUNNING,
                Fixtures.T0, null, "");
        StatusReport report = new StatusReport(Fixtures.job(JobStatus.RUNNING), Optional.of(running),
                List.of(new StepState("echo", "running", 1, -1, "")), false);

        assertThat(WorkText.statusDetails(report)).containsExactly("job: j_01JDQ7ZK4M8Y3V2N6P0R5S9T1W",
                "status: RUNNING", "run: r_1  started 2026-11-25T13:00:00Z  still going", "steps:", "  echo  running  1  -");
    }

    @Test
    void statusBeforeAnyRun() {
        StatusReport report = new StatusReport(Fixtures.job(JobStatus.APPROVED), Optional.empty(), List.of(), false);

        assertThat(WorkText.statusDetails(report)).containsExactly(
                "job: j_01JDQ7ZK4M8Y3V2N6P0R5S9T1W", "status: APPROVED", "run: none yet");
    }

    @Test
    void eventLineShowsStepAndFlattenedPayload() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("step_id", "normalize");
        payload.put("duration", 1.84);
        payload.put("outputs", Map.of("audio", "/w/jobs/j/artifacts/episode normalized.wav"));
        Event event = new Event(Fixtures.T0, "step.completed", "j_1", "r_1", payload);

        assertThat(WorkText.eventLine(event)).isEqualTo("2026-11-25T13:00:00.123Z  step.completed  normalize  "
                + "duration=1.84 outputs.audio=\"/w/jobs/j/artifacts/episode normalized.wav\"");
    }

    @Test
    void jobEventLineHasADashForTheStep() {
        Event event = new Event(Fixtures.T0, "job.started", "j_1", "r_1", Map.of());

        assertThat(WorkText.eventLine(event)).isEqualTo("2026-11-25T13:00:00.123Z  job.started  -");
    }

    @Test
    void runSummaryNamesStatusDurationAndError() {
        assertThat(WorkText.runSummary(Fixtures.run(JobStatus.COMPLETED, "")))
                .isEqualTo("run r_01JDQ81111111111111111111  COMPLETED in 1.84 s");
        assertThat(WorkText.runSummary(Fixtures.run(JobStatus.FAILED, "step normalize failed: not a WAV file")))
                .isEqualTo("run r_01JDQ81111111111111111111  FAILED in 1.84 s: step normalize failed: not a WAV file");
    }

    @Test
    void planDetailsListBoundSteps() {
        List<String> lines = WorkText.planDetails(Fixtures.plan());

        assertThat(lines).contains("plan: p_01JDQ80000000000000000000", "approval: required",
                "  1. normalize (audio.normalize@1.0.0)", "       audio_file: /home/alice/episode.wav",
                "       target_loudness: -14", "  audio: ${steps.normalize.audio}");
        assertThat(WorkText.planLine(Fixtures.plan(), "p_01JDQ80000000000000000000"))
                .isEqualTo("p_01JDQ80000000000000000000  2026-11-25T13:00:00Z  audio.normalize@1.0.0  ababababab"
                        + "ab  current");
    }
}
