package io.concierge.api.intent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a sentence asks for, distilled deterministically and offline. An intent is content
 * addressed: its {@link #id()} is the hex SHA-256 of its canonical content, so synthesizing the
 * same text twice gives the same intent.
 *
 * <pre>{@code
 * Intent intent = concierge.synthesize("Normalize podcast episode.wav to -14 LUFS");
 * intent.verb();        // "normalize"
 * intent.files();       // ["episode.wav"]
 * intent.quantities();  // [-14 LUFS]
 * }</pre>
 *
 * @param id               hex SHA-256 of the canonical content (everything but {@code synthesizedAt})
 * @param text             the sentence, whitespace normalized
 * @param distilled        a short imperative summary: verb, object, key values
 * @param verb             the main action word in base form, or empty when none was recognised
 * @param keywords         significant lower-case words of the text, in order, without duplicates
 * @param files            file names or paths mentioned, in order
 * @param quantities       numbers with units mentioned, in order
 * @param formats          format words mentioned (lower case: {@code mp3}, {@code mp4}), in order
 * @param successCriteria  what must be true when the work is done
 * @param constraints      what the work must respect ("preserve audio quality")
 * @param synthesizedAt    when it was last synthesized (not part of the hash)
 *
 * @since 0.1.0
 */
public record Intent(String id, String text, String distilled, String verb, List<String> keywords,
                     List<String> files, List<Quantity> quantities, List<String> formats,
                     List<String> successCriteria, List<String> constraints, Instant synthesizedAt) {
    /**
     * Validates and copies.
     *
     * @param id hex SHA-256 of the canonical content (everything but {@code synthesizedAt})
     * @param text the sentence, whitespace normalized
     * @param distilled a short imperative summary: verb, object, key values
     * @param verb the main action word in base form, or empty when none was recognised
     * @param keywords significant lower-case words of the text, in order, without duplicates
     * @param files file names or paths mentioned, in order
     * @param quantities numbers with units mentioned, in order
     * @param formats format words mentioned (lower case: {@code mp3}, {@code mp4}), in order
     * @param successCriteria what must be true when the work is done
     * @param constraints what the work must respect ("preserve audio quality")
     * @param synthesizedAt when it was last synthesized (not part of the hash)
     */
    public Intent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(synthesizedAt, "synthesizedAt");
        distilled = Objects.requireNonNullElse(distilled, "");
        verb = Objects.requireNonNullElse(verb, "");
        keywords = List.copyOf(keywords);
        files = List.copyOf(files);
        quantities = List.copyOf(quantities);
        formats = List.copyOf(formats);
        successCriteria = List.copyOf(successCriteria);
        constraints = List.copyOf(constraints);
    }

    /**
     * The first 12 characters of the id, as listings show it.
     *
     * @return the short id
     */
    public String shortId() {
        return id.substring(0, Math.min(12, id.length()));
    }
}
