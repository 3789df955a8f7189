package io.concierge.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference to an earlier step's output, written {@code ${steps.normalize.audio}} in a
 * package's step inputs, params and outputs. The one place that reads that syntax: the step
 * graph finds a step's dependencies with {@link #findIn}, the runner binds files with
 * {@link #replaceIn}, and a plan's outputs are resolved with {@link #parse}.
 *
 * @param stepId the step whose output is meant
 * @param output the name of that step's output
 */
public record StepReference(String stepId, String output) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final String PREFIX = "steps";

    /** Checks that both parts are present. */
    public StepReference {
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(output, "output");
        if (stepId.isEmpty() || output.isEmpty()) {
            throw new IllegalArgumentException("a step reference names a step and an output");
        }
    }

    /** The reference when {@code text} is exactly one {@code ${steps.STEP.OUTPUT}}, else empty. */
    public static Optional<StepReference> parse(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        return m.matches() ? fromInner(m.group(1)) : Optional.empty();
    }

    /** Every step reference in {@code template}, in order. */
    public static List<StepReference> findIn(String template) {
        List<StepReference> found = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            fromInner(m.group(1)).ifPresent(found::add);
        }
        return found;
    }

    /**
     * {@code template} with each step reference replaced by {@code value} of it (empty when the
     * function gives null). After planning only step references are left in a step's values, so
     * any other {@code ${...}} is replaced by the empty text.
     */
    public static String replaceIn(String template, Function<StepReference, String> value) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = fromInner(m.group(1)).map(value).orElse(null);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? "" : replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Optional<StepReference> fromInner(String inner) {
        String[] parts = inner.split("\\.", -1);
        return parts.length == 3 && parts[0].equals(PREFIX) && !parts[1].isEmpty() && !parts[2].isEmpty()
                ? Optional.of(new StepReference(parts[1], parts[2])) : Optional.empty();
    }

    /** The reference as a package writes it. */
    @Override
    public String toString() {
        return "${" + PREFIX + "." + stepId + "." + output + "}";
    }
}
