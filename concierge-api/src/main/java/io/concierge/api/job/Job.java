package io.concierge.api.job;

import io.concierge.api.approval.Approval;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A job: one intent matched to one task package, with its inputs, status and approval trail,
 * as stored in {@code jobs/<id>/job.yaml}. Immutable; every change gives a new {@code Job} with
 * a higher {@link #version()}.
 *
 * <pre>{@code
 * Job job = concierge.createJob(intent.id());
 * job.status();              // DRAFT
 * job.inputs().get("audio_file");
 * }</pre>
 *
 * @param id          time-ordered id ({@code j_} + 26 characters); sorting ids sorts by creation
 * @param intentId    the intent it was made from
 * @param intentText  the intent's text, verbatim
 * @param packageId   the matched package id, e.g. {@code audio.normalize}
 * @param packageVersion the matched package version
 * @param confidence  how well the package matched the intent, 0 to 1
 * @param status      where the job is in its life
 * @param inputs      input values by name, in the package's order; an empty value is unset
 * @param createdAt   creation time
 * @param updatedAt   last change
 * @param specHash    hash of the job spec at planning (empty before)
 * @param planId      the current plan (empty before planning)
 * @param planHash    the current plan's hash (empty before planning)
 * @param lastRunId   the latest run (empty before any run)
 * @param approvalLog approvals and denials, oldest first
 * @param version     incremented on every write, for optimistic concurrency
 * @param createdBy   the normalized identity of who created the job (empty for jobs made before it was
 *                    recorded); unless {@code approval.allow_self_approval}, they may not approve it
 *
 * @since 0.1.0
 */
public record Job(String id, String intentId, String intentText, String packageId, String packageVersion,
                  double confidence, JobStatus status, Map<String, String> inputs, Instant createdAt,
                  Instant updatedAt, String specHash, String planId, String planHash, String lastRunId,
                  List<Approval> approvalLog, long version, String createdBy) {
    /**
     * Validates and copies, keeping the order of inputs.
     *
     * @param id time-ordered id ({@code j_} + 26 characters); sorting ids sorts by creation
     * @param intentId the intent it was made from
     * @param intentText the intent's text, verbatim
     * @param packageId the matched package id, e.g. {@code audio.normalize}
     * @param packageVersion the matched package version
     * @param confidence how well the package matched the intent, 0 to 1
     * @param status where the job is in its life
     * @param inputs input values by name, in the package's order; an empty value is unset
     * @param createdAt creation time
     * @param updatedAt last change
     * @param specHash hash of the job spec at planning (empty before)
     * @param planId the current plan (empty before planning)
     * @param planHash the current plan's hash (empty before planning)
     * @param lastRunId the latest run (empty before any run)
     * @param approvalLog approvals and denials, oldest first
     * @param version incremented on every write, for optimistic concurrency
     * @param createdBy who created the job (empty when not recorded)
     */
    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        approvalLog = List.copyOf(approvalLog);
        specHash = Objects.requireNonNullElse(specHash, "");
        planId = Objects.requireNonNullElse(planId, "");
        planHash = Objects.requireNonNullElse(planHash, "");
        lastRunId = Objects.requireNonNullElse(lastRunId, "");
        createdBy = Objects.requireNonNullElse(createdBy, "");
    }

    /**
     * A job whose creator is not recorded (made before {@code created_by} existed).
     *
     * @param id time-ordered id
     * @param intentId the intent it was made from
     * @param intentText the intent's text, verbatim
     * @param packageId the matched package id
     * @param packageVersion the matched package version
     * @param confidence how well the package matched the intent
     * @param status where the job is in its life
     * @param inputs input values by name
     * @param createdAt creation time
     * @param updatedAt last change
     * @param specHash hash of the job spec at planning
     * @param planId the current plan
     * @param planHash the current plan's hash
     * @param lastRunId the latest run
     * @param approvalLog approvals and denials, oldest first
     * @param version incremented on every write
     */
    public Job(String id, String intentId, String intentText, String packageId, String packageVersion,
               double confidence, JobStatus status, Map<String, String> inputs, Instant createdAt,
               Instant updatedAt, String specHash, String planId, String planHash, String lastRunId,
               List<Approval> approvalLog, long version) {
        this(id, intentId, intentText, packageId, packageVersion, confidence, status, inputs, createdAt, updatedAt,
                specHash, planId, planHash, lastRunId, approvalLog, version, "");
    }

    /**
     * {@code id@version} of the matched package.
     *
     * @return the package reference
     */
    public String packageRef() {
        return packageId + "@" + packageVersion;
    }

    /**
     * The latest approval-log entry, if any.
     *
     * @return the last approval or denial, or empty
     */
    public Optional<Approval> lastDecision() {
        return approvalLog.isEmpty() ? Optional.empty() : Optional.of(approvalLog.get(approvalLog.size() - 1));
    }

    /**
     * A builder for a new job, starting as a DRAFT with no inputs and an empty approval log.
     *
     * <pre>{@code
     * Job job = Job.builder().id("j_01").intentId(intent.id()).intentText(intent.text())
     *         .pkg("test.echo", "1.0.0").inputs(Map.of("message", "hello")).build();
     * }</pre>
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this job's values, for a modified copy.
     *
     * @return a builder holding this job's values
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Builds a {@link Job} ({@link Job#builder()}) or a modified copy ({@link Job#toBuilder()});
     * {@link #build()} bumps nothing by itself, the version included.
     */
    public static final class Builder {
        private String id;
        private String intentId;
        private String intentText;
        private String packageId;
        private String packageVersion;
        private double confidence;
        private JobStatus status;
        private Map<String, String> inputs;
        private Instant createdAt;
        private Instant updatedAt;
        private String specHash;
        private String planId;
        private String planHash;
        private String lastRunId;
        private List<Approval> approvalLog;
        private long version;
        private String createdBy = "";

        private Builder() {
            status = JobStatus.DRAFT;
            inputs = new LinkedHashMap<>();
            approvalLog = List.of();
        }

        private Builder(Job job) {
            id = job.id;
            intentId = job.intentId;
            intentText = job.intentText;
            packageId = job.packageId;
            packageVersion = job.packageVersion;
            confidence = job.confidence;
            status = job.status;
            inputs = new LinkedHashMap<>(job.inputs);
            createdAt = job.createdAt;
            updatedAt = job.updatedAt;
            specHash = job.specHash;
            planId = job.planId;
            planHash = job.planHash;
            lastRunId = job.lastRunId;
            approvalLog = job.approvalLog;
            version = job.version;
            createdBy = job.createdBy;
        }

        /**
         * Sets the id.
         *
         * @param value the job id
         * @return this builder
         */
        public Builder id(String value) { id = value; return this; }
        /**
         * Sets the intent id.
         *
         * @param value the intent id
         * @return this builder
         */
        public Builder intentId(String value) { intentId = value; return this; }
        /**
         * Sets the intent text.
         *
         * @param value the intent text
         * @return this builder
         */
        public Builder intentText(String value) { intentText = value; return this; }
        /**
         * Sets the package id and version.
         *
         * @param idValue      the package id
         * @param versionValue the package version
         * @return this builder
         */
        public Builder pkg(String idValue, String versionValue) { packageId = idValue; packageVersion = versionValue; return this; }
        /**
         * Sets the match confidence.
         *
         * @param value the match confidence, 0 to 1
         * @return this builder
         */
        public Builder confidence(double value) { confidence = value; return this; }
        /**
         * Sets the status.
         *
         * @param value the status
         * @return this builder
         */
        public Builder status(JobStatus value) { status = value; return this; }
        /**
         * Replaces the inputs.
         *
         * @param value the inputs, by name
         * @return this builder
         */
        public Builder inputs(Map<String, String> value) { inputs = new LinkedHashMap<>(value); return this; }
        /**
         * Sets the creation time.
         *
         * @param value the creation time
         * @return this builder
         */
        public Builder createdAt(Instant value) { createdAt = value; return this; }
        /**
         * Sets the update time.
         *
         * @param value the update time
         * @return this builder
         */
        public Builder updatedAt(Instant value) { updatedAt = value; return this; }
        /**
         * Sets the spec hash.
         *
         * @param value the spec hash
         * @return this builder
         */
        public Builder specHash(String value) { specHash = value; return this; }
        /**
         * Sets the current plan id and hash.
         *
         * @param id   the plan id
         * @param hash the plan hash
         * @return this builder
         */
        public Builder plan(String id, String hash) { planId = id; planHash = hash; return this; }
        /**
         * Sets the latest run id.
         *
         * @param value the latest run id
         * @return this builder
         */
        public Builder lastRunId(String value) { lastRunId = value; return this; }
        /**
         * Replaces the approval log.
         *
         * @param value the entries, oldest first
         * @return this builder
         */
        public Builder approvalLog(List<Approval> value) { approvalLog = List.copyOf(value); return this; }
        /**
         * Appends one approval-log entry.
         *
         * @param value the entry
         * @return this builder
         */
        public Builder addApproval(Approval value) {
            List<Approval> log = new java.util.ArrayList<>(approvalLog);
            log.add(value);
            approvalLog = List.copyOf(log);
            return this;
        }
        /**
         * Sets the version.
         *
         * @param value the version
         * @return this builder
         */
        public Builder version(long value) { version = value; return this; }

        /**
         * Sets who created the job.
         *
         * @param value the creator's normalized identity
         * @return this builder
         */
        public Builder createdBy(String value) { createdBy = value; return this; }

        /**
         * Builds the job.
         *
         * @return the job
         */
        public Job build() {
            return new Job(id, intentId, intentText, packageId, packageVersion, confidence, status, inputs,
                    createdAt, updatedAt, specHash, planId, planHash, lastRunId, approvalLog, version, createdBy);
        }
    }
}
