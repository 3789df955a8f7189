package io.concierge.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing through the index always shows what the job files say (through the API; details in job.JobIndexTest). */
class JobListingTest {
    @TempDir
    Path tmp;

    @Test
    void listingFollowsEditsDeletionsAndABrokenIndex() throws Exception {
        Path ws = tmp.resolve("ws");
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("notes.txt"), "x");
        Concierge.builder(ws).discoverWorkers(false).open().close();
        TestPackages.writeUpperPackage(ws);
        try (Concierge c = Concierge.builder(ws).workingDirectory(in).discoverWorkers(false).worker(new UpperWorker()).open()) {
            String intent = c.synthesize("Uppercase notes.txt").id();
            for (int i = 0; i < 5; i++) {
                c.createJob(intent);
            }
            List<Job> first = c.jobs();
            assertThat(first).hasSize(5).extracting(Job::id).isSorted();
            Path index = ws.resolve(".concierge/index/jobs.idx");
            assertThat(index).exists();

            Path yaml = ws.resolve("jobs").resolve(first.get(2).id()).resolve("job.yaml");
            Files.writeString(yaml, Files.readString(yaml).replace("status: DRAFT", "status: PLANNED"));
            assertThat(c.jobs().get(2).status()).isEqualTo(JobStatus.PLANNED);

            c.generatePlan(first.get(4).id());
            assertThat(c.jobs().get(4).status()).isEqualTo(JobStatus.PLANNED);

            Files.walk(ws.resolve("jobs").resolve(first.get(0).id())).sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
            assertThat(c.jobs()).hasSize(4);

            Files.writeString(index, "{ not json");
            assertThat(c.jobs()).hasSize(4);
            Files.delete(index);
            assertThat(c.jobs()).extracting(Job::status).containsExactly(JobStatus.DRAFT, JobStatus.PLANNED,
                    JobStatus.DRAFT, JobStatus.PLANNED);
        }
    }
}
