package io.concierge.core.job;

import static io.concierge.api.job.JobStatus.APPROVED;
import static io.concierge.api.job.JobStatus.COMPLETED;
import static io.concierge.api.job.JobStatus.DRAFT;
import static io.concierge.api.job.JobStatus.FAILED;
import static io.concierge.api.job.JobStatus.HALTED;
import static io.concierge.api.job.JobStatus.PLANNED;
import static io.concierge.api.job.JobStatus.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.failure.InvalidTransitionException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pair of statuses, in the manner of JobRunr's allowed-state-changes test: the table is
 * written out here a second time, so a change to {@link JobStatus}'s table must be made on purpose
 * in both places.
 */
class JobTransitionTest {
    private static final Map<JobStatus, Set<JobStatus>> EXPECTED = Map.of(
            DRAFT, EnumSet.of(PLANNED),
            PLANNED, EnumSet.of(PLANNED, APPROVED, RUNNING),
            APPROVED, EnumSet.of(PLANNED, APPROVED, RUNNING),
            RUNNING, EnumSet.of(COMPLETED, FAILED, HALTED),
            COMPLETED, EnumSet.of(RUNNING),
            FAILED, EnumSet.of(PLANNED, RUNNING),
            HALTED, EnumSet.of(PLANNED, RUNNING));

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (JobStatus from : JobStatus.values()) {
            for (JobStatus to : JobStatus.values()) {
                pairs.add(Arguments.of(from, to, EXPECTED.get(from).contains(to)));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1} allowed: {2}")
    @MethodSource("everyPair")
    void theGateFollowsTheTable(JobStatus from, JobStatus to, boolean allowed) {
        Job job = job(from);
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
        if (allowed) {
            assertThat(JobTransition.move(job, to).build().status()).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> JobTransition.move(job, to))
                    .isInstanceOfSatisfying(InvalidTransitionException.class, e -> {
                        assertThat(e.from()).isEqualTo(from);
                        assertThat(e.to()).isEqualTo(to);
                        assertThat(e.getMessage()).contains("job j_1 cannot go from " + from + " to " + to);
                    });
        }
    }

    private static Job job(JobStatus status) {
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        return Job.builder().id("j_1").intentId("i").intentText("text").pkg("test.echo", "1.0.0")
                .status(status).createdAt(at).updatedAt(at).version(1).build();
    }
}
