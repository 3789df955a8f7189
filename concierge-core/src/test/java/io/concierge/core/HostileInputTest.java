package io.concierge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.Concierge;
import io.concierge.api.failure.InvalidWorkspaceException;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Symbolic links out of the workspace, oversized files and hostile names are refused; nothing outside is touched. */
class HostileInputTest {
    @TempDir
    Path tmp;
    Path workspace;
    Path in;
    Path secret;

    @BeforeEach
    void setUp() throws Exception {
        workspace = tmp.resolve("ws");
        in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("notes.txt"), "hello");
        secret = Files.writeString(tmp.resolve("secret.txt"), "do not touch");
        Concierge.builder(workspace).discoverWorkers(false).open().close();
        TestPackages.writeUpperPackage(workspace);
    }

    /** Reports, as its output, a symbolic link that leads out of the artifacts folder. */
    final class LinkingWorker implements Worker {
        @Override
        public WorkerDescriptor descriptor() {
            return new WorkerDescriptor("text.upper", "1.0.0", "links out", List.of("text_file"), List.of(), List.of("text"));
        }

        @Override
        public WorkerResult execute(WorkerContext context) throws Exception {
            Path link = context.outputFile("NOTES.txt");
            Files.createSymbolicLink(link, secret);
            return WorkerResult.builder().output("text", link).build();
        }
    }

    private Concierge open(Worker worker) {
        return Concierge.builder(workspace).workingDirectory(in).discoverWorkers(false).worker(worker).open();
    }

    @Test
    void anOutputThatLinksOutOfTheWorkspaceFailsTheStep() throws Exception {
        try (Concierge c = open(new LinkingWorker())) {
            Job job = c.createJob(c.synthesize("Uppercase notes.txt").id());
            c.generatePlan(job.id());
            c.approve(job.id(), "a", "");
            Run run = c.run(job.id(), RunOptions.defaults());
            assertThat(run.status()).isEqualTo(JobStatus.FAILED);
            assertThat(run.error()).contains("through a symbolic link");
            assertThat(Files.readString(secret)).isEqualTo("do not touch");
        }
    }

    @Test
    void artifactListingsSkipLinksAndValidationFlagsThem() throws Exception {
        try (Concierge c = open(new UpperWorker())) {
            Job job = c.createJob(c.synthesize("Uppercase notes.txt").id());
            c.generatePlan(job.id());
            c.approve(job.id(), "a", "");
            c.run(job.id(), RunOptions.defaults());
            Files.createSymbolicLink(workspace.resolve("jobs").resolve(job.id()).resolve("artifacts/passwd"), secret);
            assertThat(c.artifacts(job.id())).extracting(a -> a.name()).containsExactly("NOTES.txt");
            assertThat(c.validate(job.id()).findings()).extracting(f -> f.subject()).contains("artifacts/passwd");
        }
    }

    @Test
    void aPackageFileThatLinksOutOfTheWorkspaceIsRefused() throws Exception {
        Path outside = Files.writeString(tmp.resolve("evil.yaml"), TestPackages.UPPER.replace("text.upper", "text.evil"));
        Path dir = Files.createDirectories(workspace.resolve("packages/text/evil/v1.0.0"));
        Files.createSymbolicLink(dir.resolve("package.yaml"), outside);
        try (Concierge c = open(new UpperWorker())) {
            assertThat(c.packages()).extracting(p -> p.id()).contains("text.upper").doesNotContain("text.evil");
            assertThat(c.packageProblems()).singleElement().satisfies(f -> {
                assertThat(f.subject()).isEqualTo("packages/text/evil/v1.0.0/package.yaml");
                assertThat(f.message()).contains("symbolic link");
            });
            assertThatThrownBy(() -> c.taskPackage("text.evil")).isInstanceOf(InvalidWorkspaceException.class)
                    .hasMessageContaining("symbolic link");
        }
    }

    @Test
    void oversizedPackageAndConfigurationAreRefusedUnread() throws Exception {
        Path dir = Files.createDirectories(workspace.resolve("packages/text/big/v1.0.0"));
        Files.write(dir.resolve("package.yaml"), new byte[(1 << 20) + 1]);
        try (Concierge c = open(new UpperWorker())) {
            assertThat(c.packages()).extracting(p -> p.id()).contains("text.upper").doesNotContain("text.big");
            assertThat(c.packageProblems()).singleElement().satisfies(f -> assertThat(f.message()).contains("larger than 1 MiB"));
            assertThatThrownBy(() -> c.taskPackage("text.big")).isInstanceOf(InvalidWorkspaceException.class)
                    .hasMessageContaining("larger than 1 MiB");
        }
        Files.delete(dir.resolve("package.yaml"));
        Files.write(workspace.resolve("concierge.json"), new byte[(1 << 20) + 1]);
        assertThatThrownBy(() -> open(new UpperWorker())).isInstanceOf(InvalidWorkspaceException.class)
                .hasMessageContaining("larger than");
    }

    @Test
    void hostileOutputNamesAreRefused() {
        try (Concierge c = open(new UpperWorker() {
            @Override
            public WorkerResult execute(WorkerContext context) {
                context.outputFile("../../escape.txt");
                throw new AssertionError("unreachable");
            }
        })) {
            Job job = c.createJob(c.synthesize("Uppercase notes.txt").id());
            c.generatePlan(job.id());
            c.approve(job.id(), "a", "");
            Run run = c.run(job.id(), RunOptions.defaults());
            assertThat(run.status()).isEqualTo(JobStatus.FAILED);
            assertThat(run.error()).contains("is not allowed");
            assertThat(tmp.resolve("escape.txt")).doesNotExist();
        }
    }

    @Test
    void outputNamesThatWouldEscapeAreRefusedWhenSetAndWhenPlanned() throws Exception {
        Files.writeString(workspace.resolve("packages/text/upper/v1.0.0/package.yaml"), TestPackages.UPPER
                .replace("  loud:\n", "  out_name:\n    type: file_name\n    default: \"\"\n  loud:\n"));
        try (Concierge c = open(new UpperWorker())) {
            Job job = c.createJob(c.synthesize("Uppercase notes.txt").id());
            for (String bad : List.of("../x", "/etc/passwd", "a/b", "a\\b", "..", ".hidden", "NUL", "com1.txt", "bad\u0007name")) {
                assertThatThrownBy(() -> c.setInputs(job.id(), java.util.Map.of("out_name", bad)))
                        .as(bad).isInstanceOf(io.concierge.api.failure.InvalidInputException.class)
                        .hasMessageContaining("out_name");
            }
            assertThat(c.setInputs(job.id(), java.util.Map.of("out_name", "report.txt")).inputs())
                    .containsEntry("out_name", "report.txt");
            // Edited into job.yaml past `job set`: planning refuses it, so no approval can ever cover it.
            Path file = workspace.resolve("jobs").resolve(job.id()).resolve("job.yaml");
            Files.writeString(file, Files.readString(file).replace("out_name: report.txt", "out_name: ../../escape.txt"));
            assertThatThrownBy(() -> c.generatePlan(job.id())).isInstanceOf(io.concierge.api.failure.InvalidInputException.class)
                    .hasMessageContaining("output name '../../escape.txt'");
            assertThat(c.job(job.id()).status()).isEqualTo(JobStatus.DRAFT);
        }
    }

    @Test
    void aPackageCannotPromiseAnUnsafeOutputNameOrDefault() throws Exception {
        Path file = Files.writeString(tmp.resolve("package.yaml"), TestPackages.UPPER
                .replace("  loud:\n", "  out_name:\n    type: file_name\n    default: ../up.txt\n  loud:\n")
                .replace("  text: ${steps.upper.text}", "  Text-File: ${steps.upper.text}")
                .replace("- output: text", "- output: Text-File"));
        try (Concierge c = open(new UpperWorker())) {
            assertThat(c.validatePackage(file).findings()).extracting(f -> f.subject())
                    .contains("inputs.out_name.default", "outputs.Text-File");
        }
    }
}
