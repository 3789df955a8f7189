package io.concierge.api.plan;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A package's pipeline bound to one job's inputs, stored in {@code jobs/<job>/plans/<id>.yaml}.
 * Its {@link #hash()} covers everything in it, including the hashes of the job spec and the
 * package it came from; an approval is bound to that hash.
 *
 * @param id             plan id ({@code p_} + time-ordered suffix)
 * @param jobId          the job planned
 * @param packageId      the package's id
 * @param packageVersion the package's version
 * @param packageHash    SHA-256 of the package file as read
 * @param specHash       SHA-256 of the job spec (intent, package, inputs) planned
 * @param confidence     how well the package matched the intent, 0 to 1
 * @param createdAt      when it was generated
 * @param inputs         the job inputs as bound (converted to the package's units, files absolute)
 * @param steps          the steps in the order they run
 * @param outputs        the package's named outputs, as references to step outputs
 * @param approvalRequired whether the plan must be approved before it runs
 * @param maxRetries     retries per failed step
 * @param retryOn        failure types that are retried (empty: every retryable failure)
 * @param timeoutSeconds limit per step attempt
 * @param hash           SHA-256 of the canonical content of all the above
 *
 * @since 0.1.0
 */
public record Plan(String id, String jobId, String packageId, String packageVersion, String packageHash,
                   String specHash, double confidence, Instant createdAt, Map<String, String> inputs,
                   List<Step> steps, Map<String, String> outputs, boolean approvalRequired, int maxRetries,
                   List<String> retryOn, long timeoutSeconds, String hash) {
    /**
     * Validates and copies.
     *
     * @param id plan id ({@code p_} + time-ordered suffix)
     * @param jobId the job planned
     * @param packageId the package's id
     * @param packageVersion the package's version
     * @param packageHash SHA-256 of the package file as read
     * @param specHash SHA-256 of the job spec (intent, package, inputs) planned
     * @param confidence how well the package matched the intent, 0 to 1
     * @param createdAt when it was generated
     * @param inputs the job inputs as bound (converted to the package's units, files absolute)
     * @param steps the steps in the order they run
     * @param outputs the package's named outputs, as references to step outputs
     * @param approvalRequired whether the plan must be approved before it runs
     * @param maxRetries retries per failed step
     * @param retryOn failure types that are retried (empty: every retryable failure)
     * @param timeoutSeconds limit per step attempt
     * @param hash SHA-256 of the canonical content of all the above
     */
    public Plan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(jobId, "jobId");
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        steps = List.copyOf(steps);
        retryOn = List.copyOf(retryOn);
        hash = Objects.requireNonNullElse(hash, "");
    }

    /**
     * {@code id@version} of the package.
     *
     * @return the package reference
     */
    public String packageRef() {
        return packageId + "@" + packageVersion;
    }

    /**
     * A plan that retries every retryable failure.
     *
     * @param id plan id
     * @param jobId the job planned
     * @param packageId the package's id
     * @param packageVersion the package's version
     * @param packageHash SHA-256 of the package file as read
     * @param specHash SHA-256 of the job spec planned
     * @param confidence how well the package matched the intent, 0 to 1
     * @param createdAt when it was generated
     * @param inputs the job inputs as bound
     * @param steps the steps in the order they run
     * @param outputs the package's named outputs
     * @param approvalRequired whether the plan must be approved before it runs
     * @param maxRetries retries per failed step
     * @param timeoutSeconds limit per step attempt
     * @param hash SHA-256 of the canonical content
     */
    public Plan(String id, String jobId, String packageId, String packageVersion, String packageHash, String specHash,
                double confidence, Instant createdAt, Map<String, String> inputs, List<Step> steps,
                Map<String, String> outputs, boolean approvalRequired, int maxRetries, long timeoutSeconds, String hash) {
        this(id, jobId, packageId, packageVersion, packageHash, specHash, confidence, createdAt, inputs, steps, outputs,
                approvalRequired, maxRetries, List.of(), timeoutSeconds, hash);
    }
}
