package io.concierge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.Concierge;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.failure.CompoundIntentException;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.intent.IntentExplanation;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.plan.Plan;
import io.concierge.api.plan.Step;
import io.concierge.api.run.Artifact;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import io.concierge.api.worker.Worker;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerDescriptor;
import io.concierge.api.worker.WorkerResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "reverse notes.txt and then uppercase it": one job, one plan drawn from two packages, one approval, one run. */
class ChainedJobTest {
    static final String REVERSE = """
            id: text.reverse
            version: 1.0.0
            intent:
              verbs: [reverse]
              extensions: [txt]
            inputs:
              text_file: {type: file, required: true, extensions: [txt]}
            steps:
              - id: reverse
                worker: text.reverse
                version: 1.0.0
                inputs:
                  text_file: ${inputs.text_file}
            outputs:
              text: ${steps.reverse.text}
            """;

    /** Writes the input's characters backwards to {@code <stem>-reversed.txt}. */
    static final class ReverseWorker implements Worker {
        @Override
        public WorkerDescriptor descriptor() {
            return new WorkerDescriptor("text.reverse", "1.0.0", "reverses text", List.of("text_file"), List.of(), List.of("text"));
        }

        @Override
        public WorkerResult execute(WorkerContext context) throws Exception {
            Path in = context.inputFile("text_file");
            String name = in.getFileName().toString();
            Path out = context.outputFile(name.substring(0, name.lastIndexOf('.')) + "-reversed.txt");
            Files.writeString(out, new StringBuilder(Files.readString(in)).reverse());
            return WorkerResult.builder().output("text", out).build();
        }
    }

    @TempDir
    Path tmp;
    Path workspace;
    Path in;
    Concierge concierge;

    @BeforeEach
    void setUp() throws Exception {
        workspace = tmp.resolve("ws");
        in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("notes.txt"), "hello");
        concierge = Concierge.builder(workspace).workingDirectory(in).discoverWorkers(false)
                .worker(new ReverseWorker()).worker(new UpperWorker()).open();
        TestPackages.writeUpperPackage(workspace);
        Path dir = Files.createDirectories(workspace.resolve("packages/text/reverse/v1.0.0"));
        Files.writeString(dir.resolve("package.yaml"), REVERSE);
    }

    @AfterEach
    void close() {
        concierge.close();
    }

    private Job chained() {
        return concierge.createJob(concierge.synthesize("reverse notes.txt and then uppercase it").id());
    }

    @Test
    void theJobNamesBothPackagesAndTakesEachPartsInputsUnderItsName() throws Exception {
        Job job = chained();

        assertThat(job.packageId()).isEqualTo("text.reverse+text.upper");
        assertThat(job.packageVersion()).isEqualTo("1.0.0+1.0.0");
        assertThat(job.inputs()).containsOnlyKeys("reverse_text_file", "upper_level", "upper_loud")
                .containsEntry("reverse_text_file", in.resolve("notes.txt").toString());
        assertThat(Files.readString(workspace.resolve("jobs").resolve(job.id()).resolve("job.yaml")))
                .contains("package: text.reverse+text.upper", "package_version: 1.0.0+1.0.0");
        assertThat(concierge.taskPackage(job.packageRef()).steps()).extracting(Step::id).containsExactly("reverse", "upper");
    }

    @Test
    void oneApprovalCoversBothStepsAndOneRunMakesTheChainedOutput() {
        Job job = chained();

        Plan plan = concierge.generatePlan(job.id());
        assertThat(plan.packageRef()).isEqualTo("text.reverse+text.upper@1.0.0+1.0.0");
        assertThat(plan.steps()).extracting(Step::id).containsExactly("reverse", "upper");
        assertThat(plan.steps().get(1).inputs()).containsEntry("text_file", "${steps.reverse.text}");
        assertThat(plan.outputs()).containsOnlyKeys("reverse_text", "upper_text");
        concierge.approve(job.id(), "alice", "both steps read");
        Run run = concierge.run(job.id(), RunOptions.defaults());

        assertThat(run.status()).as(run.error()).isEqualTo(JobStatus.COMPLETED);
        assertThat(concierge.artifacts(job.id())).extracting(Artifact::name)
                .containsExactlyInAnyOrder("notes-reversed.txt", "NOTES-REVERSED.txt");
        assertThat(workspace.resolve("jobs").resolve(job.id()).resolve("artifacts/NOTES-REVERSED.txt")).hasContent("OLLEH");
        assertThat(concierge.validate(job.id()).findings()).isEmpty();
    }

    @Test
    void inputsAreSetByTheirChainNamesAndTheLinkedOneIsNoInput() {
        Job job = chained();

        assertThat(concierge.setInputs(job.id(), Map.of("upper_level", "-16")).inputs()).containsEntry("upper_level", "-16");
        assertThatThrownBy(() -> concierge.setInputs(job.id(), Map.of("upper_text_file", "notes.txt")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has no input 'upper_text_file'", "reverse_text_file, upper_level, upper_loud");
    }

    @Test
    void aChangedPartChangesTheChainsHashSoItsNewPlanNeedsANewApproval() throws Exception {
        Job job = chained();
        Plan approved = concierge.generatePlan(job.id());
        concierge.approve(job.id(), "alice", "");
        Path upper = workspace.resolve("packages/text/upper/v1.0.0/package.yaml");
        Files.writeString(upper, Files.readString(upper).replace("name: Upper-case text", "name: Shouting"));
        concierge.close(); // packages are read once per open Concierge
        concierge = Concierge.builder(workspace).workingDirectory(in).discoverWorkers(false)
                .worker(new ReverseWorker()).worker(new UpperWorker()).open();

        Plan replanned = concierge.generatePlan(job.id());

        assertThat(replanned.packageHash()).isNotEqualTo(approved.packageHash());
        assertThat(concierge.job(job.id()).status()).isEqualTo(JobStatus.PLANNED);
        assertThatThrownBy(() -> concierge.run(job.id(), RunOptions.defaults())).isInstanceOf(ConciergeException.class)
                .hasMessageContaining("approve it first");
    }

    @Test
    void explainShowsTheChainItsPartsAndTheirInputs() {
        IntentExplanation e = concierge.explainIntent("reverse notes.txt and then uppercase it");

        assertThat(e.packageId()).isEqualTo("text.reverse+text.upper");
        assertThat(e.candidates().get(0).reasons()).anyMatch(r -> r.startsWith("part 1 'reverse notes.txt' -> text.reverse"));
        assertThat(e.inputs()).extracting(f -> f.input() + "=" + f.value())
                .containsExactly("reverse_text_file=notes.txt", "upper_level=-14", "upper_loud=false");
    }

    @Test
    void aSecondPartWithItsOwnFileStaysRefusedAndNothingIsWritten() {
        String intent = concierge.synthesize("reverse notes.txt and then uppercase other.txt").id();

        assertThatThrownBy(() -> concierge.createJob(intent)).isInstanceOf(CompoundIntentException.class)
                .hasMessageContaining("part 2 names a file of its own (other.txt)");
        assertThat(concierge.jobs()).isEmpty();
    }
}
