package io.concierge.api.failure;

import java.util.List;

/**
 * A sentence asks for two or more things in turn that do not make one chained plan ("back up
 * crm.db, then validate export.csv": the second part names a file of its own). Requests that do
 * chain ("normalize x.wav and then make an mp3 of it") become one job whose plan runs both
 * packages' steps; this exception is for the rest, telling the caller why and each part as a
 * sentence of its own, to make a job of each. Reported like an ambiguous intent (exit 6 in {@code bit}).
 *
 * @since 0.1.0
 */
public class CompoundIntentException extends AmbiguousIntentException {
    private static final long serialVersionUID = 1L;

    /** The parts as sentences of their own, in order. */
    private final List<String> parts;

    /**
     * Creates the exception.
     *
     * @param message one line: what is wrong and what to do
     * @param parts   each part as a sentence of its own, in order
     */
    public CompoundIntentException(String message, List<String> parts) {
        super(message);
        this.parts = List.copyOf(parts);
    }

    /**
     * The parts of the sentence, each a sentence one job can do.
     *
     * @return the parts, in order
     */
    public List<String> parts() {
        return parts;
    }
}
