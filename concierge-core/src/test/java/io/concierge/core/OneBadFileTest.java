package io.concierge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.Concierge;
import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.workspace.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One malformed, oversized or unreadable job or package file is one finding; every other one still lists. */
class OneBadFileTest {
    @TempDir
    Path tmp;
    Path workspace;
    Path in;

    @BeforeEach
    void setUp() throws Exception {
        workspace = tmp.resolve("ws");
        in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("notes.txt"), "hello");
        Concierge.builder(workspace).discoverWorkers(false).open().close();
        TestPackages.writeUpperPackage(workspace);
    }

    private Concierge open() {
        return Concierge.builder(workspace).workingDirectory(in).discoverWorkers(false).worker(new UpperWorker()).open();
    }

    private List<Job> threeJobs(Concierge c) {
        String intent = c.synthesize("Uppercase notes.txt").id();
        return List.of(c.createJob(intent), c.createJob(intent), c.createJob(intent));
    }

    @Test
    void aMalformedJobFileIsOneProblemAndTheOthersList() throws Exception {
        try (Concierge c = open()) {
            List<Job> jobs = threeJobs(c);
            c.jobs(); // fills the index, so the broken file must be noticed through it too
            Path bad = workspace.resolve("jobs").resolve(jobs.get(1).id()).resolve("job.yaml");
            Files.writeString(bad, "id: [unclosed\nstatus: ::\n");

            assertThat(c.jobs()).extracting(Job::id).containsExactly(jobs.get(0).id(), jobs.get(2).id());
            assertThat(c.jobProblems()).singleElement().satisfies(f -> {
                assertThat(f.subject()).isEqualTo("jobs/" + jobs.get(1).id() + "/job.yaml");
                assertThat(f.message()).contains("malformed");
            });
            assertThat(c.status(jobs.get(2).id()).job().status()).isEqualTo(JobStatus.DRAFT);
            assertThatThrownBy(() -> c.status(jobs.get(1).id())).isInstanceOf(InvalidWorkspaceException.class);
            assertThat(c.stats(null).jobs()).isEqualTo(2);

            Files.delete(bad);
            Files.createDirectories(bad); // a folder where the file should be: unreadable as a job
            assertThat(c.jobs()).hasSize(2);
            assertThat(c.jobProblems()).hasSize(1);
        }
    }

    @Test
    void anOversizedJobFileIsOneProblemUnread() throws Exception {
        try (Concierge c = open()) {
            List<Job> jobs = threeJobs(c);
            Files.write(workspace.resolve("jobs").resolve(jobs.get(0).id()).resolve("job.yaml"), new byte[(1 << 20) + 1]);
            assertThat(c.jobs()).extracting(Job::id).containsExactly(jobs.get(1).id(), jobs.get(2).id());
            assertThat(c.jobProblems()).extracting(Finding::message).singleElement().asString().contains("larger than");
        }
    }

    @Test
    void aJobFileWithBadValuesIsOneProblem() throws Exception {
        try (Concierge c = open()) {
            List<Job> jobs = threeJobs(c);
            Path file = workspace.resolve("jobs").resolve(jobs.get(2).id()).resolve("job.yaml");
            Files.writeString(file, Files.readString(file).replace("status: DRAFT", "status: SLEEPING"));
            assertThat(c.jobs()).hasSize(2);
            assertThat(c.jobProblems()).extracting(Finding::message).singleElement().asString().contains("SLEEPING");
            Files.writeString(file, Files.readString(file).replace("status: SLEEPING", "status: DRAFT"));
            assertThat(c.jobs()).hasSize(3);
            assertThat(c.jobProblems()).isEmpty();
        }
    }

    @Test
    void aBrokenPackageFileIsOneProblemAndTheOthersLoad() throws Exception {
        Path dir = Files.createDirectories(workspace.resolve("packages/text/broken/v1.0.0"));
        Files.writeString(dir.resolve("package.yaml"), "id: text.broken\nversion: [\n");
        try (Concierge c = open()) {
            assertThat(c.packages()).extracting(p -> p.id()).containsExactly("text.upper");
            assertThat(c.packageProblems()).extracting(Finding::subject)
                    .containsExactly("packages/text/broken/v1.0.0/package.yaml");
            assertThatThrownBy(() -> c.taskPackage("text.broken@1.0.0")).isInstanceOf(InvalidWorkspaceException.class)
                    .hasMessageContaining("packages/text/broken/v1.0.0/package.yaml");
            // A job of a good package is made, planned and listed as usual.
            Job job = c.createJob(c.synthesize("Uppercase notes.txt").id());
            c.generatePlan(job.id());
            assertThat(c.jobs()).extracting(Job::status).containsExactly(JobStatus.PLANNED);
        }
    }
}
