package io.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.job.Job;
import io.concierge.api.job.JobSummary;
import io.concierge.server.routes.JobReader;
import io.concierge.testkit.TestConcierge;
import io.concierge.workers.test.EchoWorker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shared readings of the job list never miss a job created before the request. */
class JobReaderTest {
    @Test
    void aReadingAfterACreationSeesIt() throws IOException {
        String echoPackage;
        try (InputStream in = EchoWorker.class.getResourceAsStream("/META-INF/concierge/packages/test/echo/v1.0.0/package.yaml")) {
            echoPackage = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (TestConcierge concierge = TestConcierge.builder().worker(new EchoWorker()).withPackage(echoPackage).open()) {
            JobReader reader = new JobReader(concierge);
            assertThat(reader.summaries()).isEmpty();
            for (int i = 0; i < 5; i++) {
                Job job = concierge.createJob(concierge.synthesize("Echo number " + i).id());
                List<JobSummary> seen = reader.summaries();
                assertThat(seen).extracting(JobSummary::id).contains(job.id()).hasSize(i + 1);
            }
        }
    }
}
