package io.concierge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.Concierge;
import io.concierge.api.event.Event;
import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import io.concierge.api.worker.Worker;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.worker.WorkerResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run writes only into real folders of its job, and outputs reach {@code artifacts/} whole:
 * a linked artifacts or job folder is refused, a worker writes into staging, and what a failed
 * or interrupted step wrote never shows up as an artifact.
 */
class NothingEscapesTest {
    @TempDir
    Path tmp;
    Path workspace;
    Path in;
    Path outside;

    @BeforeEach
    void setUp() throws Exception {
        workspace = tmp.resolve("ws");
        in = Files.createDirectories(tmp.resolve("in"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(in.resolve("notes.txt"), "hello");
        Concierge.builder(workspace).discoverWorkers(false).open().close();
        TestPackages.writeUpperPackage(workspace);
    }

    private Concierge open(Worker worker) {
        return Concierge.builder(workspace).workingDirectory(in).discoverWorkers(false).worker(worker).open();
    }

    private Job approvedJob(Concierge c) {
        Job job = c.createJob(c.synthesize("Uppercase notes.txt").id());
        c.generatePlan(job.id());
        return c.approve(job.id(), "a", "");
    }

    private Path jobDir(Job job) {
        return workspace.resolve("jobs").resolve(job.id());
    }

    @Test
    void aLinkedArtifactsFolderFailsTheRunAndNothingIsWrittenThrough() throws Exception {
        try (Concierge c = open(new UpperWorker())) {
            Job job = approvedJob(c);
            Files.createSymbolicLink(jobDir(job).resolve("artifacts"), outside);

            Run run = c.run(job.id(), RunOptions.defaults());

            assertThat(run.status()).isEqualTo(JobStatus.FAILED);
            assertThat(run.error()).contains("jobs/" + job.id() + "/artifacts is a symbolic link")
                    .contains("replace it with a real folder");
            try (Stream<Path> written = Files.list(outside)) {
                assertThat(written).isEmpty();
            }
            assertThat(c.validate(job.id()).findings()).anySatisfy(f -> {
                assertThat(f.subject()).isEqualTo("artifacts");
                assertThat(f.message()).contains("symbolic link");
            });
            assertThat(c.artifacts(job.id())).isEmpty();
        }
    }

    @Test
    void aLinkMadeWhileTheStepRunsIsCaughtBeforeTheOutputMoves() throws Exception {
        Worker linker = new UpperWorker() {
            @Override
            public WorkerResult execute(WorkerContext context) throws Exception {
                WorkerResult result = super.execute(context);
                Path artifacts = workspace.resolve("jobs").resolve(context.jobId()).resolve("artifacts");
                Files.delete(artifacts);
                Files.createSymbolicLink(artifacts, outside);
                return result;
            }
        };
        try (Concierge c = open(linker)) {
            Job job = approvedJob(c);
            Run run = c.run(job.id(), RunOptions.defaults());
            assertThat(run.status()).isEqualTo(JobStatus.FAILED);
            assertThat(run.error()).contains("is a symbolic link");
            try (Stream<Path> written = Files.list(outside)) {
                assertThat(written).isEmpty();
            }
        }
    }

    @Test
    void aLinkedJobFolderOrLogsFolderIsRefusedBeforeAnythingIsRecorded() throws Exception {
        try (Concierge c = open(new UpperWorker())) {
            Job job = approvedJob(c);
            Path logs = jobDir(job).resolve("logs");
            Path moved = Files.move(logs, outside.resolve("logs"));
            Files.createSymbolicLink(logs, moved);
            long before;
            try (Stream<Path> files = Files.list(moved)) {
                before = files.count();
            }

            assertThatThrownBy(() -> c.run(job.id(), RunOptions.defaults())).isInstanceOf(InvalidWorkspaceException.class)
                    .hasMessageContaining("logs is a symbolic link");
            try (Stream<Path> files = Files.list(moved)) {
                assertThat(files.count()).isEqualTo(before);
            }
            assertThat(c.job(job.id()).status()).isEqualTo(JobStatus.APPROVED);
        }
    }

    @Test
    void theWorkerWritesIntoStagingAndAFailedStepLeavesNoArtifact() throws Exception {
        Path[] seen = new Path[1];
        Worker failing = new UpperWorker() {
            @Override
            public WorkerResult execute(WorkerContext context) throws Exception {
                seen[0] = context.artifactsDir();
                Path out = context.outputFile("NOTES.txt");
                Files.writeString(out, "HALF");
                throw WorkerFailure.nonRetryable("test.failed", "failed after writing half its output");
            }
        };
        try (Concierge c = open(failing)) {
            Job job = approvedJob(c);
            Run run = c.run(job.id(), RunOptions.defaults());

            assertThat(run.status()).isEqualTo(JobStatus.FAILED);
            assertThat(seen[0]).isNotEqualTo(jobDir(job).resolve("artifacts"));
            assertThat(seen[0].toString()).contains(".concierge");
            assertThat(jobDir(job).resolve("artifacts/NOTES.txt")).doesNotExist();
            assertThat(seen[0]).doesNotExist(); // staging goes with the step
        }
    }

    @Test
    void outputsAreMovedInWholeAndResumeAndCacheStillFindThem() throws Exception {
        try (Concierge c = open(new UpperWorker())) {
            Job first = approvedJob(c);
            assertThat(c.run(first.id(), RunOptions.defaults()).status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(jobDir(first).resolve("artifacts/NOTES.txt")).hasContent("HELLO");
            assertThat(c.validate(first.id()).findings()).isEmpty();

            Job second = approvedJob(c);
            assertThat(c.run(second.id(), RunOptions.defaults()).status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(c.events(second.id(), false)).extracting(Event::type).contains("step.cached");
            assertThat(jobDir(second).resolve("artifacts/NOTES.txt")).hasContent("HELLO");
            try (Stream<Path> files = Files.list(jobDir(second).resolve("artifacts"))) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("NOTES.txt");
            }
        }
    }

    @Test
    void aStepThatWouldReplaceAnotherStepsOutputFails() throws Exception {
        Path dir = Files.createDirectories(workspace.resolve("packages/text/twice/v1.0.0"));
        Files.writeString(dir.resolve("package.yaml"), TestPackages.UPPER.replace("id: text.upper", "id: text.twice")
                .replace("verbs: [uppercase, upcase, shout]", "verbs: [twice]")
                .replace("outputs:\n", """
                          - id: again
                            worker: text.upper
                            version: 1.0.0
                            inputs:
                              text_file: ${steps.upper.text}
                        outputs:
                        """));
        try (Concierge c = open(new UpperWorker())) {
            Job job = c.createJob(c.synthesize("twice notes.txt").id());
            assertThat(job.packageId()).isEqualTo("text.twice");
            c.generatePlan(job.id());
            c.approve(job.id(), "a", "");
            Run run = c.run(job.id(), RunOptions.defaults());
            assertThat(run.status()).isEqualTo(JobStatus.FAILED);
            assertThat(run.error()).contains("would replace an output of step upper");
            assertThat(jobDir(job).resolve("artifacts/NOTES.txt")).hasContent("HELLO");
        }
    }
}
