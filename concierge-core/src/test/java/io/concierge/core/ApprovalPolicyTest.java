package io.concierge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.Concierge;
import io.concierge.api.event.Event;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.InvalidTransitionException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalPolicyTest {
    @TempDir
    Path tmp;
    Path workspace;
    Path in;
    final SettableClock clock = new SettableClock();

    static final class SettableClock extends Clock {
        volatile Instant now = Instant.parse("2026-11-25T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            now = now.plusMillis(1);
            return now;
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        workspace = tmp.resolve("ws");
        in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("notes.txt"), "x");
        open().close();
        TestPackages.writeUpperPackage(workspace);
    }

    private Concierge open() {
        return Concierge.builder(workspace).clock(clock).workingDirectory(in).discoverWorkers(false)
                .worker(new UpperWorker()).open();
    }

    private Job planned(Concierge c) {
        Job job = c.createJob(c.synthesize("Uppercase notes.txt").id());
        c.generatePlan(job.id());
        return c.job(job.id());
    }

    @Test
    void twoDistinctApproversAreNeededWhenConfigured() {
        try (Concierge c = open()) {
            c.setConfig("approval.required_approvals", "2");
            Job job = planned(c);
            assertThat(c.approve(job.id(), "alice", "").status()).isEqualTo(JobStatus.PLANNED);
            assertThatThrownBy(() -> c.run(job.id(), RunOptions.defaults())).isInstanceOf(InvalidTransitionException.class);
            assertThatThrownBy(() -> c.approve(job.id(), "alice", "again")).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("alice already approved").hasMessageContaining("1 more approval");
            assertThat(c.approve(job.id(), "bob", "").status()).isEqualTo(JobStatus.APPROVED);
            assertThat(c.run(job.id(), RunOptions.defaults()).status()).isEqualTo(JobStatus.COMPLETED);
        }
    }

    @Test
    void autoApprovalByPackagePatternIsRecordedAsPolicy() {
        try (Concierge c = open()) {
            c.setConfig("approval.auto_approve", "text.*");
            Job job = planned(c);
            assertThat(job.status()).isEqualTo(JobStatus.APPROVED);
            assertThat(job.approvalLog()).singleElement().satisfies(a -> {
                assertThat(a.by()).isEqualTo("policy:auto-approve");
                assertThat(a.note()).contains("text.*");
            });
            assertThat(c.events(job.id(), true)).extracting(Event::type).containsExactly("approval.granted");
            assertThat(c.run(job.id(), RunOptions.defaults()).status()).isEqualTo(JobStatus.COMPLETED);
        }
    }

    @Test
    void expiredApprovalNoLongerRunsAndCanBeRenewed() {
        try (Concierge c = open()) {
            c.setConfig("approval.timeout_hours", "1");
            Job job = planned(c);
            c.approve(job.id(), "alice", "");
            clock.now = clock.now.plus(Duration.ofHours(2));
            assertThatThrownBy(() -> c.run(job.id(), RunOptions.defaults())).hasMessageContaining("expire");
            assertThat(c.approve(job.id(), "alice", "renewed").status()).isEqualTo(JobStatus.APPROVED);
            assertThat(c.run(job.id(), RunOptions.defaults()).status()).isEqualTo(JobStatus.COMPLETED);
        }
    }

    @Test
    void listConfigRejectsHostilePatterns() {
        try (Concierge c = open()) {
            assertThatThrownBy(() -> c.setConfig("approval.auto_approve", "../x")).isInstanceOf(InvalidInputException.class);
            assertThat(c.setConfig("approval.auto_approve", "test.*, file.copy").value()).isEqualTo("test.*,file.copy");
        }
    }
}
