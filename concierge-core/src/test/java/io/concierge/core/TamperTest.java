package io.concierge.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import io.concierge.api.workspace.Finding;
import io.concierge.api.workspace.ValidationReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Editing, deleting and reordering recorded history is found by validation, each on its own line. */
class TamperTest {
    @TempDir
    Path tmp;
    Path workspace;
    Concierge concierge;
    Job job;
    Run run;
    Path jobDir;

    @BeforeEach
    void completedJob() throws Exception {
        workspace = tmp.resolve("ws");
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("notes.txt"), "hello\n");
        Concierge.builder(workspace).discoverWorkers(false).open().close();
        TestPackages.writeUpperPackage(workspace);
        concierge = Concierge.builder(workspace).workingDirectory(in).discoverWorkers(false).worker(new UpperWorker()).open();
        job = concierge.createJob(concierge.synthesize("Uppercase notes.txt").id());
        concierge.generatePlan(job.id());
        concierge.approve(job.id(), "alice", "first look");
        concierge.deny(job.id(), "bob", "wait");
        concierge.approve(job.id(), "carol", "ok now");
        run = concierge.run(job.id(), RunOptions.defaults());
        jobDir = workspace.resolve("jobs").resolve(job.id());
        assertThat(concierge.validate(job.id()).findings()).isEmpty();
    }

    private Path runLog() {
        return jobDir.resolve("logs").resolve("run-" + run.id() + ".jsonl");
    }

    private List<Finding> findings() {
        ValidationReport report = concierge.validate(job.id());
        return report.findings();
    }

    @Test
    void editedEventLineIsFound() throws Exception {
        Path log = runLog();
        Files.writeString(log, Files.readString(log).replaceFirst("\"duration\":[0-9.]+", "\"duration\":999.5"));
        assertThat(findings()).singleElement().satisfies(f -> assertThat(f.message()).contains("line 4 does not follow"));
    }

    @Test
    void deletedEventLineIsFound() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(runLog()));
        lines.remove(1);
        Files.write(runLog(), lines);
        assertThat(findings()).extracting(Finding::message).anyMatch(m -> m.contains("line 2 does not follow"));
    }

    @Test
    void reorderedEventLinesAreFound() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(runLog()));
        Collections.swap(lines, 1, 2);
        Files.write(runLog(), lines);
        assertThat(findings()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void tornLastLineIsNotTamperingAndIsSkippedByReaders() throws Exception {
        Files.writeString(runLog(), "{\"timestamp\":\"2026-11-2", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        assertThat(findings()).isEmpty();
        assertThat(concierge.events(job.id(), false)).hasSize(4);
    }

    @Test
    void editedApprovalEntryIsFound() throws Exception {
        Path yaml = jobDir.resolve("job.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("by: bob", "by: mallory"));
        // the edited entry's signature and event no longer match, and the next entry's link breaks
        assertThat(findings()).extracting(Finding::subject).containsOnly("job.yaml:approval_log[1]", "job.yaml:approval_log[2]")
                .contains("job.yaml:approval_log[1]", "job.yaml:approval_log[2]");
    }

    @Test
    void editedLastApprovalEntryIsFoundAgainstTheApprovalEvents() throws Exception {
        Path yaml = jobDir.resolve("job.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("by: carol", "by: mallory"));
        // the entry itself, and the run's seal that no longer finds the decision it was made under
        assertThat(findings()).extracting(Finding::subject).contains("job.yaml:approval_log[2]")
                .allMatch(subject -> subject.startsWith("job.yaml:approval_log"));
    }

    @Test
    void removedApprovalEntryIsFound() throws Exception {
        Path yaml = jobDir.resolve("job.yaml");
        String text = Files.readString(yaml);
        int start = text.indexOf("- action: denied");
        int end = text.indexOf("- action: approved", start);
        Files.writeString(yaml, text.substring(0, start) + text.substring(end));
        assertThat(findings()).extracting(Finding::subject).contains("job.yaml:approval_log[1]");
    }

    @Test
    void changedOrAddedArtifactIsFound() throws Exception {
        Files.writeString(jobDir.resolve("artifacts").resolve("NOTES.txt"), "HELLO?\n");
        Files.writeString(jobDir.resolve("artifacts").resolve("extra.bin"), "x");
        assertThat(findings()).extracting(Finding::toString).containsExactlyInAnyOrder(
                "artifacts/NOTES.txt: content changed after the run (SHA-256 differs from manifest.json)",
                "artifacts/extra.bin: was added after the run (not in manifest.json)");
    }

    @Test
    void editedPlanIsFound() throws Exception {
        Path plan = jobDir.resolve("plans").resolve(concierge.job(job.id()).planId() + ".yaml");
        Files.writeString(plan, Files.readString(plan).replace("worker: text.upper", "worker: text.lower"));
        assertThat(findings()).extracting(Finding::subject).contains("plans/" + plan.getFileName());
    }

    @Test
    void auditTrailListsDecisionsAndRunsAcrossJobs() {
        List<io.concierge.api.event.Event> trail = concierge.audit(null);
        assertThat(trail).extracting(io.concierge.api.event.Event::type).containsExactly("approval.requested", "approval.granted",
                "approval.denied", "approval.granted", "job.started", "job.completed");
        assertThat(trail.get(2).payload()).containsEntry("by", "bob").containsEntry("note", "wait");
        assertThat(concierge.audit(trail.get(4).timestamp())).hasSize(2);
    }

    @Test
    void statsCountStatusesDurationsAndDays() {
        Job failed = concierge.createJob(concierge.synthesize("Uppercase missing.txt").id());
        io.concierge.api.run.WorkspaceStats stats = concierge.stats(null);
        assertThat(stats.jobs()).isEqualTo(2);
        assertThat(stats.byStatus()).containsEntry(io.concierge.api.job.JobStatus.COMPLETED, 1L)
                .containsEntry(io.concierge.api.job.JobStatus.DRAFT, 1L);
        assertThat(stats.successRate()).isEqualTo(1.0);
        assertThat(stats.packages()).singleElement().satisfies(p -> {
            assertThat(p.packageId()).isEqualTo("text.upper");
            assertThat(p.runs()).isEqualTo(1);
            assertThat(p.p95Seconds()).isGreaterThanOrEqualTo(p.medianSeconds()).isGreaterThanOrEqualTo(0);
        });
        assertThat(stats.jobsPerDay().values()).containsExactly(2L);
        assertThat(concierge.stats(failed.createdAt().plusSeconds(1)).jobs()).isZero();
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        concierge.close();
    }
}
