package io.concierge.api.job;

import java.time.Instant;
import java.util.Objects;

/**
 * What a job list shows of one job: enough to print its line, filter and page, read from the
 * workspace's job index instead of the whole {@code job.yaml}. {@link io.concierge.api.Concierge#job(String)} gives
 * everything else.
 *
 * <pre>{@code
 * for (JobSummary job : concierge.listJobs(JobFilter.builder().newestFirst(true).limit(20).build()).jobs()) {
 *     System.out.println(job.id() + " " + job.status() + " " + job.intentText());
 * }
 * }</pre>
 *
 * @param id             the job's id ({@code j_...}), time-ordered
 * @param status         the status its {@code job.yaml} holds
 * @param intentText     the sentence it was made from
 * @param packageId      the matched package id
 * @param packageVersion the matched package version
 * @param createdAt      creation time
 * @param updatedAt      last change
 * @param version        the job's write version (it grows with every change)
 *
 * @see io.concierge.api.Concierge#listJobs(JobFilter)
 * @since 0.1.0
 */
public record JobSummary(String id, JobStatus status, String intentText, String packageId, String packageVersion,
                         Instant createdAt, Instant updatedAt, long version) {
    /**
     * Checks that nothing is missing.
     *
     * @param id             the job's id
     * @param status         its status
     * @param intentText     its sentence
     * @param packageId      its package id
     * @param packageVersion its package version
     * @param createdAt      creation time
     * @param updatedAt      last change
     * @param version        write version
     */
    public JobSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(intentText, "intentText");
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(packageVersion, "packageVersion");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * The summary of a whole job.
     *
     * @param job the job
     * @return its summary
     */
    public static JobSummary of(Job job) {
        return new JobSummary(job.id(), job.status(), job.intentText(), job.packageId(), job.packageVersion(),
                job.createdAt(), job.updatedAt(), job.version());
    }

    /**
     * The package as {@code id@version}.
     *
     * @return e.g. {@code audio.normalize@1.2.0}
     */
    public String packageRef() {
        return packageId + "@" + packageVersion;
    }
}
