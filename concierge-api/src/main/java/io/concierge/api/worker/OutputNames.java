package io.concierge.api.worker;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rule every output file name follows, wherever it is given: a {@code file_name} input set
 * with {@code bit job set}, a plan being made, or a worker asking {@link WorkerContext#outputFile}.
 * Checking the same rule at every door means a name that would escape the artifacts folder is
 * refused when a person types it, not when the run reaches it.
 *
 * <pre>{@code
 * OutputNames.problem("report.json");   // Optional.empty()
 * OutputNames.problem("../x");          // Optional.of("must be a plain file name, without '/' or '\\'")
 * }</pre>
 */
public final class OutputNames {
    /** Names Windows reserves for devices, with or without an extension; refused so artifacts copy anywhere. */
    private static final Set<String> DEVICES = Set.of("con", "prn", "aux", "nul",
            "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    private OutputNames() {
    }

    /**
     * What is wrong with {@code name} as the file name of an output, or empty when it is fine.
     *
     * @param name a proposed file name such as {@code episode-normalized.wav}
     * @return the problem in a few words (to follow "output name 'x' "), or empty
     */
    public static Optional<String> problem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("is empty");
        }
        if (name.contains("/") || name.contains("\\")) {
            return Optional.of("must be a plain file name, without '/' or '\\'");
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("is not a file name");
        }
        if (name.startsWith(".")) {
            return Optional.of("must not start with '.' (hidden names are kept for Concierge's own files)");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("contains control characters");
        }
        if (name.length() > 255) {
            return Optional.of("is longer than 255 characters");
        }
        int dot = name.indexOf('.');
        String base = (dot < 0 ? name : name.substring(0, dot)).strip().toLowerCase(Locale.ROOT);
        if (DEVICES.contains(base)) {
            return Optional.of("is a reserved device name");
        }
        if (!name.equals(name.strip())) {
            return Optional.of("must not start or end with a space");
        }
        return Optional.empty();
    }
}
