package io.concierge.api.run;

import io.concierge.api.job.JobStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One execution of a job's approved plan, as recorded in its event log. A failed run is a
 * normal result with status {@link JobStatus#FAILED}, not an exception.
 *
 * @param id        run id ({@code r_} + time-ordered suffix)
 * @param jobId     the job
 * @param planId    the plan it executed
 * @param status    RUNNING while it goes on, then COMPLETED, FAILED or HALTED
 * @param startedAt when it began
 * @param endedAt   when it ended, or null while running
 * @param error     why it failed, or empty
 *
 * @since 0.1.0
 */
public record Run(String id, String jobId, String planId, JobStatus status, Instant startedAt, Instant endedAt,
                  String error) {
    /**
     * Validates.
     *
     * @param id run id ({@code r_} + time-ordered suffix)
     * @param jobId the job
     * @param planId the plan it executed
     * @param status RUNNING while it goes on, then COMPLETED, FAILED or HALTED
     * @param startedAt when it began
     * @param endedAt when it ended, or null while running
     * @param error why it failed, or empty
     */
    public Run {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(status, "status");
        planId = Objects.requireNonNullElse(planId, "");
        error = Objects.requireNonNullElse(error, "");
    }

    /**
     * The end time, if the run has ended.
     *
     * @return the end time, or empty while running
     */
    public Optional<Instant> ended() {
        return Optional.ofNullable(endedAt);
    }
}
