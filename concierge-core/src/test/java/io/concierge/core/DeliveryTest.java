package io.concierge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.api.Concierge;
import io.concierge.api.event.Event;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.NotFoundException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.plan.Plan;
import io.concierge.api.plan.Step;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery of an output outside the workspace: bound and shown at planning, covered by the
 * approval, done by core after the run, never overwriting or writing through a link unless told.
 */
class DeliveryTest {
    static final String SHIP = """
            id: text.ship
            version: 1.0.0
            intent:
              verbs: [ship]
              extensions: [txt]
              extract:
                destination: {from: destination}
                overwrite: {values: {overwrite: "true"}}
            inputs:
              text_file: {type: file, required: true, extensions: [txt]}
              destination: {type: string, default: ""}
              overwrite: {type: boolean, default: false}
            steps:
              - id: upper
                worker: text.upper
                version: 1.0.0
                inputs:
                  text_file: ${inputs.text_file}
              - id: deliver
                worker: concierge.deliver
                version: 1.0.0
                inputs:
                  file: ${steps.upper.text}
                params:
                  to: ${inputs.destination}
                  overwrite: ${inputs.overwrite}
            outputs:
              text: ${steps.upper.text}
            """;

    @TempDir
    Path tmp;
    Path workspace;
    Path in;
    Path out;
    Concierge concierge;

    @BeforeEach
    void setUp() throws Exception {
        workspace = tmp.resolve("ws");
        in = Files.createDirectories(tmp.resolve("in"));
        out = Files.createDirectories(tmp.resolve("out")).toRealPath();
        Files.writeString(in.resolve("notes.txt"), "hello");
        concierge = Concierge.builder(workspace).workingDirectory(in).discoverWorkers(false).worker(new UpperWorker()).open();
        Path dir = Files.createDirectories(workspace.resolve("packages/text/ship/v1.0.0"));
        Files.writeString(dir.resolve("package.yaml"), SHIP);
    }

    @AfterEach
    void close() {
        concierge.close();
    }

    private Job job(String sentence) {
        return concierge.createJob(concierge.synthesize(sentence).id());
    }

    private Run planApproveRun(Job job) {
        concierge.generatePlan(job.id());
        concierge.approve(job.id(), "alice", "");
        return concierge.run(job.id(), RunOptions.builder().useCache(false).build());
    }

    private static Step deliver(Plan plan) {
        return plan.steps().stream().filter(s -> s.id().equals("deliver")).findFirst().orElseThrow();
    }

    private Map<String, Object> deliverEvent(Job job, String type) {
        return concierge.events(job.id(), false).stream()
                .filter(e -> e.type().equals(type) && "deliver".equals(e.stepId())).map(Event::payload)
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no " + type + " of step deliver"));
    }

    private JsonNode manifest(Job job) throws Exception {
        return new ObjectMapper().readTree(workspace.resolve("jobs").resolve(job.id()).resolve("manifest.json").toFile());
    }

    @Test
    void aFolderDestinationKeepsTheFileNameAndTheArtifactStaysInArtifacts() throws Exception {
        Job job = job("Ship notes.txt to " + out + "/");
        assertThat(job.inputs()).containsEntry("destination", out + "/");

        Plan plan = concierge.generatePlan(job.id());
        assertThat(deliver(plan).params()).containsEntry("to", out + "/").containsEntry("overwrite", "false");
        concierge.approve(job.id(), "alice", "");
        Run run = concierge.run(job.id(), RunOptions.defaults());

        assertThat(run.status()).as(run.error()).isEqualTo(JobStatus.COMPLETED);
        assertThat(out.resolve("NOTES.txt")).hasContent("HELLO");
        assertThat(workspace.resolve("jobs").resolve(job.id()).resolve("artifacts/NOTES.txt")).hasContent("HELLO");
        assertThat(deliverEvent(job, "step.completed")).containsEntry("delivered_to", out.resolve("NOTES.txt").toString());
        JsonNode delivered = manifest(job).path("deliveries").get(0);
        assertThat(delivered.path("name").asText()).isEqualTo("NOTES.txt");
        assertThat(delivered.path("to").asText()).isEqualTo(out.resolve("NOTES.txt").toString());
        assertThat(concierge.validate(job.id()).findings()).isEmpty();
    }

    @Test
    void aFileDestinationRelativeToTheWorkingDirectoryIsShownAbsoluteInThePlan() throws Exception {
        Job job = job("Ship notes.txt to ../out/shipped.txt");
        // Made absolute where it was typed, as files are, so planning elsewhere delivers to the same place.
        assertThat(job.inputs()).containsEntry("destination", in.resolve("../out/shipped.txt").normalize().toString());

        Plan plan = concierge.generatePlan(job.id());

        // "../out" is no surprise: the plan says where it really goes, and that is what is approved.
        assertThat(deliver(plan).params()).containsEntry("to", out.resolve("shipped.txt").toString());
        concierge.approve(job.id(), "alice", "");
        assertThat(concierge.run(job.id(), RunOptions.defaults()).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(out.resolve("shipped.txt")).hasContent("HELLO");
    }

    @Test
    void withoutADestinationThePlanHasNoDeliveryStep() {
        Plan plan = concierge.generatePlan(job("Ship notes.txt").id());

        assertThat(plan.steps()).extracting(Step::id).containsExactly("upper");
    }

    @Test
    void aMissingFolderIsRefusedAtPlanningAndTheJobStaysADraft() {
        Job job = job("Ship notes.txt to " + tmp.resolve("nowhere") + "/");

        assertThatThrownBy(() -> concierge.generatePlan(job.id()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("destination folder " + tmp.resolve("nowhere") + " of job " + job.id() + " does not exist")
                .hasMessageContaining("bit job set --job-id " + job.id() + " destination=PATH");
        assertThat(concierge.job(job.id()).status()).isEqualTo(JobStatus.DRAFT);
        assertThat(concierge.plans(job.id())).isEmpty();
    }

    @Test
    void aDestinationInsideTheWorkspaceIsRefusedEvenThroughALink() throws Exception {
        Job direct = job("Ship notes.txt to " + workspace.resolve("jobs") + "/");
        assertThatThrownBy(() -> concierge.generatePlan(direct.id()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("lies inside the workspace");

        Path link = Files.createSymbolicLink(tmp.resolve("sneaky"), workspace.resolve("jobs"));
        Job linked = job("Ship notes.txt to " + link + "/");
        assertThatThrownBy(() -> concierge.generatePlan(linked.id()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("lies inside the workspace");
    }

    @Test
    void aDifferentFileIsNotOverwrittenUnlessTheJobSaysSo() throws Exception {
        Files.writeString(out.resolve("NOTES.txt"), "precious");
        Job job = job("Ship notes.txt to " + out + "/");

        Run refused = planApproveRun(job);

        assertThat(refused.status()).isEqualTo(JobStatus.FAILED);
        assertThat(refused.error()).contains("NOTES.txt already exists and differs", "overwrite=true", "--resume");
        assertThat(deliverEvent(job, "step.failed")).containsEntry("error_type", "delivery.exists");
        assertThat(out.resolve("NOTES.txt")).hasContent("precious");
        assertThat(out).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".partial"));

        // Told by an input: re-planned, the input set, a new plan and a new approval, then it replaces the file.
        concierge.generatePlan(job.id());
        concierge.setInputs(job.id(), Map.of("overwrite", "true"));
        assertThat(deliver(concierge.generatePlan(job.id())).params()).containsEntry("overwrite", "true");
        concierge.approve(job.id(), "alice", "");
        assertThat(concierge.run(job.id(), RunOptions.defaults()).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(out.resolve("NOTES.txt")).hasContent("HELLO");
    }

    @Test
    void theSentenceCanSayOverwrite() throws Exception {
        Files.writeString(out.resolve("NOTES.txt"), "old");
        Job job = job("Ship notes.txt to " + out + "/ and overwrite");

        assertThat(job.inputs()).containsEntry("overwrite", "true");
        assertThat(planApproveRun(job).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(out.resolve("NOTES.txt")).hasContent("HELLO");
    }

    @Test
    void theSameBytesAlreadyThereCountAsDelivered() throws Exception {
        Job job = job("Ship notes.txt to " + out + "/");
        assertThat(planApproveRun(job).status()).isEqualTo(JobStatus.COMPLETED);

        Run again = concierge.run(job.id(), RunOptions.builder().force(true).build());

        assertThat(again.status()).as(again.error()).isEqualTo(JobStatus.COMPLETED);
        assertThat(deliverEvent(job, "step.completed")).containsEntry("already_there", true);
    }

    @Test
    void theDestinationIsInThePlanHashSoChangingItAfterApprovalBreaksTheApproval() throws Exception {
        Files.createDirectories(tmp.resolve("elsewhere"));
        Job job = job("Ship notes.txt to " + out + "/");
        Plan plan = concierge.generatePlan(job.id());
        concierge.approve(job.id(), "alice", "");

        // Through the API: inputs of an approved job do not change.
        assertThatThrownBy(() -> concierge.setInputs(job.id(), Map.of("destination", tmp.resolve("elsewhere") + "/")))
                .isInstanceOf(ConciergeException.class).hasMessageContaining("inputs can only change while it is DRAFT or PLANNED");
        // By hand: the plan no longer has the hash that was approved.
        Path planFile = workspace.resolve("jobs").resolve(job.id()).resolve("plans").resolve(plan.id() + ".yaml");
        Files.writeString(planFile, Files.readString(planFile).replace(out + "/", tmp.resolve("elsewhere").toRealPath() + "/"));

        assertThatThrownBy(() -> concierge.run(job.id(), RunOptions.defaults())).isInstanceOf(ConciergeException.class);
        assertThat(tmp.resolve("elsewhere")).isEmptyDirectory();
    }

    @Test
    void aLinkedFolderIsResolvedAtPlanningSoTheApproverSeesWhereItGoes() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("backup"), out);
        Job job = job("Ship notes.txt to " + link + "/");

        Plan plan = concierge.generatePlan(job.id());

        assertThat(deliver(plan).params()).containsEntry("to", out + "/");
        concierge.approve(job.id(), "alice", "");
        assertThat(concierge.run(job.id(), RunOptions.defaults()).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(out.resolve("NOTES.txt")).hasContent("HELLO");
    }

    @Test
    void aFolderSwappedForALinkAfterApprovalIsRefused() throws Exception {
        Path swapped = Files.createDirectories(tmp.resolve("swap"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Job job = job("Ship notes.txt to " + swapped + "/");
        concierge.generatePlan(job.id());
        concierge.approve(job.id(), "alice", "");
        Files.delete(swapped);
        Files.createSymbolicLink(swapped, elsewhere);

        Run run = concierge.run(job.id(), RunOptions.defaults());

        assertThat(run.status()).isEqualTo(JobStatus.FAILED);
        assertThat(deliverEvent(job, "step.failed")).containsEntry("error_type", "delivery.destination.changed");
        assertThat(elsewhere).isEmptyDirectory();
    }

    @Test
    void aLinkAtTheTargetNameIsNeverWrittenThroughEvenWithOverwrite() throws Exception {
        Path victim = Files.writeString(tmp.resolve("victim.txt"), "keep me");
        Files.createSymbolicLink(out.resolve("NOTES.txt"), victim);
        Job job = job("Ship notes.txt to " + out + "/ and overwrite");

        Run run = planApproveRun(job);

        assertThat(run.status()).isEqualTo(JobStatus.FAILED);
        assertThat(deliverEvent(job, "step.failed")).containsEntry("error_type", "delivery.target.link");
        assertThat(victim).hasContent("keep me");
        assertThat(Files.isSymbolicLink(out.resolve("NOTES.txt"))).isTrue();
    }

    @Test
    void aFolderRemovedAfterApprovalFailsTheRunSayingWhatToDo() throws Exception {
        Path gone = Files.createDirectories(tmp.resolve("gone"));
        Job job = job("Ship notes.txt to " + gone + "/");
        concierge.generatePlan(job.id());
        concierge.approve(job.id(), "alice", "");
        Files.delete(gone);

        Run run = concierge.run(job.id(), RunOptions.defaults());

        assertThat(run.status()).isEqualTo(JobStatus.FAILED);
        assertThat(run.error()).contains("destination folder " + gone + " does not exist", "--resume");
        // The artifact is kept, so once the folder is back the resumed run only delivers.
        Files.createDirectories(gone);
        Run resumed = concierge.run(job.id(), RunOptions.builder().resume(true).build());
        assertThat(resumed.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(concierge.events(job.id(), false)).filteredOn(e -> "upper".equals(e.stepId()))
                .extracting(Event::type).contains("step.skipped");
        assertThat(gone.resolve("NOTES.txt")).hasContent("HELLO");
    }

    @Test
    void aDeliveryStepIsCheckedWhenThePackageIsRead() throws Exception {
        Path broken = tmp.resolve("broken.yaml");
        Files.writeString(broken, SHIP.replace("file: ${steps.upper.text}", "file: ${inputs.text_file}")
                .replace("to: ${inputs.destination}", "to: ${steps.upper.text}"));

        assertThat(concierge.validatePackage(broken).findings()).extracting(Object::toString)
                .contains("steps[1].inputs.file: a delivery takes one earlier step's output, e.g. ${steps.copy.copy}",
                        "steps[1].params.to: a destination comes from the job's inputs, not from a step");
        assertThat(concierge.validatePackage(workspace.resolve("packages/text/ship/v1.0.0/package.yaml")).findings())
                .isEmpty();
    }

    @Test
    void theRunLogShowsTheDeliveryAfterTheWorkerSteps() {
        Job job = job("Ship notes.txt to " + out + "/");
        planApproveRun(job);

        List<String> steps = concierge.events(job.id(), false).stream()
                .filter(e -> e.type().equals("step.completed")).map(Event::stepId).toList();
        assertThat(steps).containsExactly("upper", "deliver");
    }
}
