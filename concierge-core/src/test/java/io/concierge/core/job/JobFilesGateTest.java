package io.concierge.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.failure.InvalidTransitionException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.core.codec.Codecs;
import io.concierge.core.workspace.FileWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A status change that skipped {@link JobTransition} still cannot reach {@code job.yaml}. */
class JobFilesGateTest {
    @TempDir
    Path tmp;

    @Test
    void updateRefusesAStatusChangeTheTableForbids() throws Exception {
        JobFiles jobs = new JobFiles(FileWorkspace.open(tmp.resolve("ws"), new Codecs(), true, ""));
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        Job draft = Job.builder().id("j_01TEST").intentId("i").intentText("text").pkg("test.echo", "1.0.0")
                .status(JobStatus.DRAFT).createdAt(at).updatedAt(at).version(1).build();
        jobs.create(draft);
        byte[] before = Files.readAllBytes(jobs.file(draft.id()));

        assertThatThrownBy(() -> jobs.update(draft.id(), j -> j.toBuilder().status(JobStatus.COMPLETED).build()))
                .isInstanceOfSatisfying(InvalidTransitionException.class, e -> {
                    assertThat(e.from()).isEqualTo(JobStatus.DRAFT);
                    assertThat(e.to()).isEqualTo(JobStatus.COMPLETED);
                });
        assertThat(Files.readAllBytes(jobs.file(draft.id()))).isEqualTo(before);

        Job planned = jobs.update(draft.id(), j -> JobTransition.move(j, JobStatus.PLANNED).build());
        assertThat(planned.status()).isEqualTo(JobStatus.PLANNED);
        assertThat(planned.version()).isEqualTo(2);
    }
}
