package io.concierge.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.Concierge;
import io.concierge.api.event.Event;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.Artifact;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import io.concierge.api.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host with this plugin on its class path: {@code Concierge.open} finds the worker through
 * {@code META-INF/services} and its task package through {@code META-INF/concierge/packages.list}.
 */
class PluginDiscoveryTest {
    @TempDir
    Path tmp;

    @Test
    void sentenceRunsThroughTheDiscoveredWorker() throws Exception {
        Path inbox = Files.createDirectories(tmp.resolve("inbox"));
        Files.writeString(inbox.resolve("notes.txt"), "Buy milk\nCall the bank\nabout the loan\n");

        try (Concierge concierge = Concierge.builder(tmp.resolve("workspace")).workingDirectory(inbox).open()) {
            assertThat(concierge.workers()).extracting(w -> w.descriptor().id()).contains("text.wordcount");
            assertThat(concierge.workers()).filteredOn(w -> w.descriptor().id().equals("text.wordcount"))
                    .singleElement().isInstanceOf(WordCountWorker.class);
            assertThat(concierge.taskPackage("text.wordcount").origin()).startsWith("builtin:");

            Job job = concierge.createJob(concierge.synthesize("Count words in notes.txt").id());
            assertThat(job.packageRef()).isEqualTo("text.wordcount@1.0.0");
            assertThat(job.inputs()).containsEntry("text_file", inbox.resolve("notes.txt").toString());
            concierge.generatePlan(job.id());
            concierge.approve(job.id(), "alice", "counting is harmless");
            Run run = concierge.run(job.id(), RunOptions.defaults());

            assertThat(run.status()).as(run.error()).isEqualTo(JobStatus.COMPLETED);
            assertThat(concierge.artifacts(job.id())).singleElement().satisfies(report -> {
                assertThat(report.name()).isEqualTo("notes-wordcount.json");
                assertThat(Files.readString(report.path())).isEqualTo(
                        "{\n  \"file\": \"notes.txt\",\n  \"lines\": 3,\n  \"words\": 8,\n  \"characters\": 38\n}\n");
            });
            Event completed = concierge.events(job.id(), false).stream()
                    .filter(e -> e.type().equals("step.completed")).findFirst().orElseThrow();
            assertThat(completed.payload()).containsEntry("step_id", "count").containsEntry("words", 8);
        }
    }

    @Test
    void aFileThatIsNotUtf8FailsTheJobWithTheInputNamed() throws Exception {
        Path inbox = Files.createDirectories(tmp.resolve("inbox"));
        Files.write(inbox.resolve("notes.txt"), new byte[] {'o', 'k', ' ', (byte) 0xff, (byte) 0xfe, '\n'});

        try (Concierge concierge = Concierge.builder(tmp.resolve("workspace")).workingDirectory(inbox).open()) {
            Job job = concierge.createJob(concierge.synthesize("Count words in notes.txt").id());
            concierge.generatePlan(job.id());
            concierge.approve(job.id(), "alice", "");
            Run run = concierge.run(job.id(), RunOptions.defaults());

            assertThat(run.status()).isEqualTo(JobStatus.FAILED);
            assertThat(run.error()).contains("input text_file", "is not UTF-8 text");
            assertThat(concierge.artifacts(job.id())).extracting(Artifact::name).isEmpty();
        }
    }

    @Test
    void workerIsListedInTheServicesFileOfTheJar() {
        assertThat(java.util.ServiceLoader.load(Worker.class).stream().map(p -> p.type().getName()))
                .contains(WordCountWorker.class.getName());
    }
}
