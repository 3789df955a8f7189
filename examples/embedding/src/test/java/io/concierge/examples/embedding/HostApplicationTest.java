package io.concierge.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.Concierge;
import io.concierge.api.approval.ApprovalAction;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.Artifact;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host application, run as a user would run it and with a stricter allow-list. */
class HostApplicationTest {
    @TempDir
    Path home;

    @Test
    void mainCopiesTheReportAndEchoesTheMessage() throws Exception {
        HostApplication.main(new String[] {home.toString()});

        // Reopen the workspace the host left behind, as another process would.
        try (Concierge concierge = Concierge.builder(home.resolve("workspace")).createIfMissing(false).open()) {
            List<Job> jobs = concierge.jobs();
            assertThat(jobs).extracting(Job::packageId).containsExactly("file.copy", "test.echo");
            assertThat(jobs).extracting(Job::status).containsOnly(JobStatus.COMPLETED);
            assertThat(jobs).allSatisfy(job -> assertThat(job.approvalLog()).singleElement().satisfies(a -> {
                assertThat(a.action()).isEqualTo(ApprovalAction.APPROVED);
                assertThat(a.by()).isEqualTo(HostApplication.APPROVER);
            }));

            Artifact copy = single(concierge.artifacts(jobs.get(0).id()));
            assertThat(copy.name()).isEqualTo("report.csv");
            assertThat(Files.readString(copy.path())).isEqualTo(Files.readString(home.resolve("inbox/report.csv")));

            Artifact message = single(concierge.artifacts(jobs.get(1).id()));
            assertThat(message.name()).isEqualTo("message.txt");
            assertThat(Files.readString(message.path())).isEqualTo("hello from the host\n");
        }
    }

    @Test
    void planOutsideTheAllowListIsDeniedWithTheReasonAndNeverRuns() throws Exception {
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        Files.writeString(inbox.resolve("report.csv"), "a,b\n");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        HostApplication host = new HostApplication(home.resolve("workspace"), inbox,
                new AllowListPolicy(Set.of("file.copy")), new PrintStream(printed, true, StandardCharsets.UTF_8));

        List<HostApplication.Outcome> outcomes = host.submit(List.of("Echo hello from the host", "Copy report.csv"));

        HostApplication.Outcome echo = outcomes.get(0);
        assertThat(echo.packageRef()).isEqualTo("test.echo@1.0.0");
        assertThat(echo.status()).isEqualTo(JobStatus.PLANNED);
        assertThat(echo.reason()).isEqualTo("package test.echo is not on the host's allow-list [file.copy]; "
                + "ask an operator to approve it by hand");
        assertThat(echo.artifacts()).isEmpty();
        assertThat(outcomes.get(1).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(outcomes.get(1).artifacts()).extracting(Artifact::name).containsExactly("report.csv");

        try (Concierge concierge = Concierge.open(home.resolve("workspace"))) {
            Job denied = concierge.job(echo.jobId());
            assertThat(denied.lastDecision()).hasValueSatisfying(a -> {
                assertThat(a.action()).isEqualTo(ApprovalAction.DENIED);
                assertThat(a.note()).isEqualTo(echo.reason());
            });
            assertThat(denied.lastRunId()).isEmpty();
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("Echo hello from the host\n  job " + echo.jobId() + "  package test.echo@1.0.0  status PLANNED")
                .contains("  artifact report.csv (4 bytes) ");
    }

    private static Artifact single(List<Artifact> artifacts) {
        assertThat(artifacts).hasSize(1);
        return artifacts.get(0);
    }
}
