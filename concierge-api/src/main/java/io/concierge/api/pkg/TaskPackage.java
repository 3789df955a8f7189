package io.concierge.api.pkg;

import io.concierge.api.plan.Step;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A versioned recipe read from a {@code package.yaml}: the sentences it answers, its inputs,
 * its pipeline of worker steps, its approval and failure policy. See {@code docs/task-packages.md}.
 *
 * <pre>{@code
 * TaskPackage pkg = concierge.taskPackage("audio.normalize");
 * pkg.input("target_loudness").map(InputSpec::defaultValue); // Optional["-14"]
 * }</pre>
 *
 * @param id               {@code category.name}
 * @param version          {@code MAJOR.MINOR.PATCH}
 * @param name             a title for people
 * @param description      one or two sentences
 * @param vocabulary       the words that tie sentences to it
 * @param inputs           its inputs, in order
 * @param steps            its pipeline, in run order
 * @param outputs          its named outputs, as references to step outputs
 * @param approvalRequired whether a job must be approved before it runs
 * @param requiredApprovals how many distinct people must approve (at least 1)
 * @param autoApprove      whether a confident match may be approved by policy
 *                         ({@code approval.auto_approve_min_confidence} in {@code concierge.json})
 * @param maxRetries       retries per failed step
 * @param retryOn          failure types that are retried (a trailing {@code *} matches a prefix);
 *                         empty: every failure the worker marks retryable
 * @param timeoutSeconds   limit per step attempt
 * @param verification     checks on the outputs after a run
 * @param resources        declared needs ({@code cpu}, {@code memory_mb}), informative
 * @param origin           where it was read from: {@code builtin:<resource>}, {@code workspace:<path>} or {@code plugin:<jar>}
 * @param hash             SHA-256 of the package file's bytes
 *
 * @since 0.1.0
 */
public record TaskPackage(String id, String version, String name, String description, IntentVocabulary vocabulary,
                          List<InputSpec> inputs, List<Step> steps, Map<String, String> outputs,
                          boolean approvalRequired, int requiredApprovals, boolean autoApprove,
                          int maxRetries, List<String> retryOn, long timeoutSeconds,
                          List<VerificationRule> verification, Map<String, String> resources,
                          String origin, String hash) {
    /**
     * Validates and copies.
     *
     * @param id {@code category.name}
     * @param version {@code MAJOR.MINOR.PATCH}
     * @param name a title for people
     * @param description one or two sentences
     * @param vocabulary the words that tie sentences to it
     * @param inputs its inputs, in order
     * @param steps its pipeline, in run order
     * @param outputs its named outputs, as references to step outputs
     * @param approvalRequired whether a job must be approved before it runs
     * @param requiredApprovals how many distinct people must approve (at least 1)
     * @param autoApprove whether a confident match may be approved by policy ({@code
     *     approval.auto_approve_min_confidence} in {@code concierge.json})
     * @param maxRetries retries per failed step
     * @param retryOn failure types that are retried; empty: every retryable failure
     * @param timeoutSeconds limit per step attempt
     * @param verification checks on the outputs after a run
     * @param resources declared needs ({@code cpu}, {@code memory_mb}), informative
     * @param origin where it was read from: {@code builtin:<resource>}, {@code workspace:<path>} or {@code
     *     plugin:<jar>}
     * @param hash SHA-256 of the package file's bytes
     */
    public TaskPackage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        name = Objects.requireNonNullElse(name, id);
        description = Objects.requireNonNullElse(description, "");
        inputs = List.copyOf(inputs);
        retryOn = List.copyOf(retryOn);
        requiredApprovals = Math.max(1, requiredApprovals);
        steps = List.copyOf(steps);
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        verification = List.copyOf(verification);
        resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
        origin = Objects.requireNonNullElse(origin, "");
        hash = Objects.requireNonNullElse(hash, "");
    }

    /**
     * {@code id@version}.
     *
     * @return the package reference
     */
    public String ref() {
        return id + "@" + version;
    }

    /**
     * The input with this name, if the package has one.
     *
     * @param inputName the input's name
     * @return the input, or empty
     */
    public Optional<InputSpec> input(String inputName) {
        return inputs.stream().filter(i -> i.name().equals(inputName)).findFirst();
    }
}
