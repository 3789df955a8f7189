package io.concierge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.Concierge;
import io.concierge.api.event.Event;
import io.concierge.api.failure.AmbiguousIdException;
import io.concierge.api.failure.IntegrityViolationException;
import io.concierge.api.failure.InvalidTransitionException;
import io.concierge.api.failure.MissingInputException;
import io.concierge.api.failure.NotFoundException;
import io.concierge.api.intent.Intent;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.plan.Plan;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import io.concierge.api.run.StatusReport;
import io.concierge.api.workspace.ValidationReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleTest {
    @TempDir
    Path tmp;
    Path workspace;
    Path inputs;

    @BeforeEach
    void setUp() throws Exception {
        workspace = tmp.resolve("ws");
        inputs = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(inputs.resolve("notes.txt"), "hello world\n");
        open().close(); // initialise the workspace, then add a package to it
        TestPackages.writeUpperPackage(workspace);
    }

    private Concierge open() {
        return Concierge.builder(workspace).workingDirectory(inputs).discoverWorkers(false)
                .worker(new UpperWorker()).defaultApprover("tester").open();
    }

    @Test
    void runsTheWholeLifecycleOnRealFiles() throws Exception {
        try (Concierge c = open()) {
            Intent intent = c.synthesize("Uppercase notes.txt please");
            assertThat(intent.files()).containsExactly("notes.txt");
            Job job = c.createJob(intent.id().substring(0, 12));
            assertThat(job.status()).isEqualTo(JobStatus.DRAFT);
            assertThat(job.packageId()).isEqualTo("text.upper");
            assertThat(job.inputs()).containsEntry("text_file", inputs.resolve("notes.txt").toString());

            Plan plan = c.generatePlan(job.id());
            assertThat(plan.hash()).hasSize(64);
            assertThat(c.job(job.id()).status()).isEqualTo(JobStatus.PLANNED);

            // the default approver created the job too: approving it needs the policy that allows that
            c.setConfig("approval.allow_self_approval", "true");
            c.approve(job.id(), null, "looks right");
            Job approved = c.job(job.id());
            assertThat(approved.status()).isEqualTo(JobStatus.APPROVED);
            assertThat(approved.approvalLog()).singleElement()
                    .satisfies(a -> assertThat(a.by()).isEqualTo("tester"))
                    .satisfies(a -> assertThat(a.planHash()).isEqualTo(plan.hash()));

            Run run = c.run(job.id(), RunOptions.defaults());
            assertThat(run.status()).isEqualTo(JobStatus.COMPLETED);
            Path out = workspace.resolve("jobs").resolve(job.id()).resolve("artifacts").resolve("NOTES.txt");
            assertThat(Files.readString(out)).isEqualTo("HELLO WORLD\n");

            List<Event> events = c.events(job.id(), false);
            assertThat(events).extracting(Event::type).containsExactly("job.started", "step.started",
                    "step.completed", "job.completed");
            assertThat(events.get(2).payload()).containsKey("duration").containsEntry("step_id", "upper");

            StatusReport status = c.status(job.id());
            assertThat(status.job().status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(status.steps()).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo("completed"));
            assertThat(c.artifacts(job.id())).extracting(a -> a.name()).containsExactly("NOTES.txt");
            assertThat(c.validate(job.id()).isValid()).isTrue();

            String yaml = Files.readString(workspace.resolve("jobs").resolve(job.id()).resolve("job.yaml"));
            assertThat(yaml).contains("status: COMPLETED").contains("intent: Uppercase notes.txt please")
                    .contains("approval_log:").contains("text_file: " + inputs.resolve("notes.txt"));
        }
    }

    @Test
    void numbersAndBooleansSurviveTheYamlRoundTripOfHashes() {
        try (Concierge c = open()) {
            Job job = c.createJob(c.synthesize("Uppercase notes.txt at -16 LUFS").id());
            assertThat(job.inputs()).containsEntry("level", "-16 LUFS").containsEntry("loud", "false");
            Plan plan = c.generatePlan(job.id());
            assertThat(plan.inputs()).containsEntry("level", "-16");
            c.approve(job.id(), "a", "");
            assertThat(c.validate(job.id()).findings()).isEmpty();
            assertThat(c.run(job.id(), RunOptions.defaults()).status()).isEqualTo(JobStatus.COMPLETED);
        }
    }

    @Test
    void aJobOutputFeedsAnotherJobThroughAtJobReferences() throws Exception {
        try (Concierge c = open()) {
            Job first = c.createJob(c.synthesize("Uppercase notes.txt").id());
            c.generatePlan(first.id());
            c.approve(first.id(), "a", "");
            Job second = c.createJob(c.synthesize("Uppercase some text").id());
            assertThatThrownBy(() -> c.setInputs(second.id(), Map.of("text_file", "@job:" + first.id() + "/text")))
                    .hasMessageContaining("once it has COMPLETED");
            c.run(first.id(), RunOptions.defaults());
            c.setInputs(second.id(), Map.of("text_file", "@job:" + first.id().substring(0, 20) + "/text"));
            assertThat(c.job(second.id()).inputs()).containsEntry("text_file", "@job:" + first.id().substring(0, 20) + "/text");
            Plan plan = c.generatePlan(second.id());
            assertThat(plan.inputs().get("text_file")).endsWith(first.id() + "/artifacts/NOTES.txt");
            assertThatThrownBy(() -> c.setInputs(second.id(), Map.of("text_file", "@job:" + first.id() + "/nope")))
                    .hasMessageContaining("has no output 'nope'");
            assertThatThrownBy(() -> c.setInputs(second.id(), Map.of("text_file", "@job:../../etc")))
                    .hasMessageContaining("is not valid");
        }
    }

    @Test
    void sameTextGivesSameIntentAndMakesItNewest() {
        try (Concierge c = open()) {
            Intent first = c.synthesize("Uppercase notes.txt");
            c.synthesize("Uppercase other.txt");
            Intent again = c.synthesize("Uppercase  notes.txt");
            assertThat(again.id()).isEqualTo(first.id());
            assertThat(c.intents()).hasSize(2).last().extracting(Intent::id).isEqualTo(first.id());
        }
    }

    @Test
    void refusesToRunWithoutApprovalAndChangesNothing() throws Exception {
        try (Concierge c = open()) {
            Job job = c.createJob(c.synthesize("Uppercase notes.txt").id());
            assertThatThrownBy(() -> c.approve(job.id(), "a", "")).isInstanceOf(InvalidTransitionException.class)
                    .hasMessageContaining("DRAFT").hasMessageContaining("bit plan generate");
            c.generatePlan(job.id());
            byte[] before = Files.readAllBytes(workspace.resolve("jobs").resolve(job.id()).resolve("job.yaml"));
            assertThatThrownBy(() -> c.run(job.id(), RunOptions.defaults())).isInstanceOf(InvalidTransitionException.class)
                    .hasMessageContaining("bit approve");
            assertThat(Files.readAllBytes(workspace.resolve("jobs").resolve(job.id()).resolve("job.yaml"))).isEqualTo(before);
        }
    }

    @Test
    void editingAfterApprovalIsDetectedAndNamed() throws Exception {
        try (Concierge c = open()) {
            Job job = c.createJob(c.synthesize("Uppercase notes.txt").id());
            c.generatePlan(job.id());
            c.approve(job.id(), "a", "");
            Path yaml = workspace.resolve("jobs").resolve(job.id()).resolve("job.yaml");
            Files.writeString(yaml, Files.readString(yaml).replace(inputs.resolve("notes.txt").toString(), "/etc/hostname"));
            ValidationReport report = c.validate(job.id());
            assertThat(report.isValid()).isFalse();
            assertThat(report.findings()).anySatisfy(f -> assertThat(f.subject()).contains("inputs.text_file"));
            assertThatThrownBy(() -> c.run(job.id(), RunOptions.defaults()))
                    .isInstanceOf(IntegrityViolationException.class).hasMessageContaining("inputs.text_file");
        }
    }

    @Test
    void missingRequiredInputNamesTheInputAndTheFix() {
        try (Concierge c = open()) {
            Job job = c.createJob(c.synthesize("Uppercase some text").id());
            assertThat(job.inputs()).containsEntry("text_file", "");
            assertThatThrownBy(() -> c.generatePlan(job.id())).isInstanceOf(MissingInputException.class)
                    .hasMessageContaining("text_file").hasMessageContaining("bit job set --job-id " + job.id());
            assertThat(c.job(job.id()).status()).isEqualTo(JobStatus.DRAFT);
            c.setInputs(job.id(), Map.of("text_file", "notes.txt"));
            assertThat(c.generatePlan(job.id()).inputs()).containsEntry("text_file", inputs.resolve("notes.txt").toString());
        }
    }

    @Test
    void unknownAndAmbiguousIdsAreRefused() {
        try (Concierge c = open()) {
            Intent intent = c.synthesize("Uppercase notes.txt");
            c.createJob(intent.id());
            c.createJob(intent.id());
            assertThatThrownBy(() -> c.job("j_")).isInstanceOf(AmbiguousIdException.class).hasMessageContaining("matches 2");
            assertThatThrownBy(() -> c.job("j_ZZZZ")).isInstanceOf(NotFoundException.class).hasMessageContaining("bit job list");
            assertThatThrownBy(() -> c.job("../../etc/passwd")).hasMessageContaining("not valid");
        }
    }

    @Test
    void failedWorkerGivesFailedStatusNotAnException() throws Exception {
        try (Concierge c = open()) {
            Job job = c.createJob(c.synthesize("Uppercase notes.txt").id());
            c.generatePlan(job.id());
            c.approve(job.id(), "a", "");
            Files.delete(inputs.resolve("notes.txt"));
            Run run = c.run(job.id(), RunOptions.defaults());
            assertThat(run.status()).isEqualTo(JobStatus.FAILED);
            assertThat(run.error()).contains("does not exist");
            assertThat(c.events(job.id(), false)).extracting(Event::type).contains("step.failed", "job.failed");
        }
    }

    @Test
    void denialReturnsToPlannedWithReason() {
        try (Concierge c = open()) {
            Job job = c.createJob(c.synthesize("Uppercase notes.txt").id());
            c.generatePlan(job.id());
            c.approve(job.id(), "alice", "");
            Job denied = c.deny(job.id(), "bob", "wrong file");
            assertThat(denied.status()).isEqualTo(JobStatus.PLANNED);
            assertThat(denied.approvalLog()).hasSize(2).last().satisfies(a -> assertThat(a.note()).isEqualTo("wrong file"));
            assertThat(c.events(job.id(), true)).extracting(Event::type).containsExactly("approval.requested", "approval.granted", "approval.denied");
        }
    }

    @Test
    void eventLinesAreJsonWithTheGuideFields() throws Exception {
        try (Concierge c = open()) {
            Job job = c.createJob(c.synthesize("Uppercase notes.txt").id());
            c.generatePlan(job.id());
            c.approve(job.id(), "a", "");
            Run run = c.run(job.id(), RunOptions.defaults());
            List<String> lines = Files.readAllLines(workspace.resolve("jobs").resolve(job.id()).resolve("logs")
                    .resolve("run-" + run.id() + ".jsonl"), StandardCharsets.UTF_8);
            assertThat(lines).hasSize(4);
            assertThat(lines.get(0)).startsWith("{\"timestamp\":\"").contains("\"type\":\"job.started\"")
                    .contains("\"job_id\":\"" + job.id() + "\"").contains("\"run_id\":\"" + run.id() + "\"");
            assertThat(lines.get(0)).matches(".*\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\".*");
        }
    }
}
