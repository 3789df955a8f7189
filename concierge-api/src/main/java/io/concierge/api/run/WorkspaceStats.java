package io.concierge.api.run;

import io.concierge.api.job.JobStatus;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Totals over the jobs of a workspace, computed from job files and event logs (what the guide's
 * success-rate and timeline scripts compute by hand).
 *
 * @param jobs        jobs counted
 * @param byStatus    jobs per status
 * @param successRate COMPLETED jobs out of those that finished (COMPLETED, FAILED, HALTED), 0 to 1;
 *                    0 when none finished
 * @param packages    run durations per package, by package id
 * @param jobsPerDay  jobs created per UTC day, oldest first
 *
 * @since 0.1.0
 */
public record WorkspaceStats(long jobs, Map<JobStatus, Long> byStatus, double successRate,
                             List<PackageDurations> packages, Map<LocalDate, Long> jobsPerDay) {
    /**
     * Copies the collections.
     *
     * @param jobs        jobs counted
     * @param byStatus    jobs per status
     * @param successRate COMPLETED out of finished jobs, 0 to 1
     * @param packages    run durations per package
     * @param jobsPerDay  jobs created per UTC day
     */
    public WorkspaceStats {
        byStatus = Collections.unmodifiableMap(new LinkedHashMap<>(byStatus));
        packages = List.copyOf(packages);
        jobsPerDay = Collections.unmodifiableMap(new LinkedHashMap<>(jobsPerDay));
    }

    /**
     * How long one package's finished runs took.
     *
     * @param packageId     the package
     * @param runs          finished runs counted
     * @param medianSeconds median run duration
     * @param p95Seconds    95th percentile run duration (nearest rank)
     */
    public record PackageDurations(String packageId, long runs, double medianSeconds, double p95Seconds) {
    }
}
