package io.concierge.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.Concierge;
import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.Artifact;
import io.concierge.api.run.RunOptions;
import io.concierge.api.worker.Worker;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerDescriptor;
import io.concierge.api.worker.WorkerResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker that fails after writing a report of what is wrong keeps that report
 * ({@link WorkerFailure#keepOutput}): it lands in the artifacts and the step.failed event names it.
 * Nothing else of the failed step does, and nothing from outside the step's output folder.
 */
class KeptOutputsTest {
    @TempDir
    Path tmp;

    static final String PACKAGE = """
            id: text.check
            version: 1.0.0
            intent:
              verbs: [check]
              extensions: [txt]
            inputs:
              text_file:
                type: file
                required: true
            steps:
              - id: check
                worker: text.check
                inputs:
                  text_file: ${inputs.text_file}
            outputs:
              report: ${steps.check.report}
            """;

    /** Writes a report and a half-done scratch output, then fails keeping the report (and a file outside). */
    static final class CheckWorker implements Worker {
        final Path outside;

        CheckWorker(Path outside) {
            this.outside = outside;
        }

        @Override
        public WorkerDescriptor descriptor() {
            return new WorkerDescriptor("text.check", "1.0.0", "checks text", List.of("text_file"), List.of(), List.of("report"));
        }

        @Override
        public WorkerResult execute(WorkerContext ctx) throws Exception {
            Path report = Files.writeString(ctx.outputFile("notes-check.json"), "{\"problems\": 2}");
            Files.writeString(ctx.outputFile("half-written.txt"), "half");
            throw WorkerFailure.nonRetryable("text.invalid", "notes.txt has 2 problems; see notes-check.json")
                    .keepOutput("report", report).keepOutput("stolen", outside);
        }
    }

    @Test
    void aFailedStepKeepsTheReportItAskedForAndNothingElse() throws Exception {
        Path workspace = tmp.resolve("ws");
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("notes.txt"), "hello");
        Path outside = Files.writeString(tmp.resolve("secret.txt"), "not the worker's");
        try (Concierge concierge = Concierge.builder(workspace).workingDirectory(in).discoverWorkers(false)
                .worker(new CheckWorker(outside)).open()) {
            Path dir = Files.createDirectories(workspace.resolve("packages/text/check/v1.0.0"));
            Files.writeString(dir.resolve("package.yaml"), PACKAGE);
            Job job = concierge.createJob(concierge.synthesize("Check notes.txt").id());
            concierge.generatePlan(job.id());
            concierge.approve(job.id(), "alice", "");

            assertThat(concierge.run(job.id(), RunOptions.defaults()).status()).isEqualTo(JobStatus.FAILED);

            List<Artifact> artifacts = concierge.artifacts(job.id());
            assertThat(artifacts).extracting(Artifact::name).containsExactly("notes-check.json");
            assertThat(Files.readString(artifacts.get(0).path())).isEqualTo("{\"problems\": 2}");
            assertThat(outside).exists().hasContent("not the worker's");
            Event failed = concierge.events(job.id(), false).stream()
                    .filter(e -> e.type().equals(EventTypes.STEP_FAILED)).findFirst().orElseThrow();
            assertThat(failed.payload().get("outputs")).isEqualTo(Map.of("report", "notes-check.json"));
            assertThat(failed.payload().get("output_sha256")).isEqualTo(Map.of("report", artifacts.get(0).sha256()));
            assertThat(failed.payload().get("error_type")).isEqualTo("text.invalid");
            assertThat(concierge.validate(job.id()).findings()).isEmpty();
        }
    }
}
