package io.concierge.api.intent;

import io.concierge.api.pkg.PackageMatch;
import java.util.List;
import java.util.Objects;

/**
 * Why a sentence becomes the job it becomes, or why it is refused: what was read from it, how
 * the best packages scored, which words filled which input and which words were left over.
 * Nothing is written to the workspace to explain a sentence.
 *
 * <pre>{@code
 * IntentExplanation e = concierge.explainIntent("nromalize ep1.wav to minus 16 LUFS");
 * e.packageId();   // "audio.normalize"
 * e.inputs();      // [audio_file=ep1.wav from "ep1.wav", target_loudness=-16 LUFS from "minus 16 LUFS", ...]
 * }</pre>
 *
 * @param text        the sentence, whitespace normalized
 * @param files       files and folders it names, in order
 * @param formats     formats it names, canonical ({@code tar.gz} for "tgz")
 * @param quantities  numbers with units
 * @param resolutions frame sizes ({@code 720p}, {@code 1280x720})
 * @param destination where the result should go ("to /mnt/backup/"), or empty
 * @param candidates  the best packages, at most three, best first, with their scores and reasons
 * @param packageId   the chosen package, or empty when refused
 * @param inputs      the inputs of the chosen package and where each value came from
 * @param unused      significant words that neither chose the package nor filled an input
 * @param refusal     why the sentence is refused (one line), or empty
 * @param suggestions rephrasings that would be accepted, when refused as ambiguous or compound
 *
 * @since 0.1.0
 */
public record IntentExplanation(String text, List<String> files, List<String> formats, List<Quantity> quantities,
                                List<String> resolutions, String destination, List<PackageMatch> candidates,
                                String packageId, List<InputFill> inputs, List<String> unused, String refusal,
                                List<String> suggestions) {
    /**
     * Validates and copies.
     *
     * @param text the sentence, whitespace normalized
     * @param files files and folders it names, in order
     * @param formats formats it names, canonical
     * @param quantities numbers with units
     * @param resolutions frame sizes
     * @param destination where the result should go, or empty
     * @param candidates the best packages, at most three, best first
     * @param packageId the chosen package, or empty when refused
     * @param inputs the inputs of the chosen package and where each value came from
     * @param unused significant words that were not used
     * @param refusal why the sentence is refused, or empty
     * @param suggestions rephrasings that would be accepted
     */
    public IntentExplanation {
        Objects.requireNonNull(text, "text");
        files = List.copyOf(files);
        formats = List.copyOf(formats);
        quantities = List.copyOf(quantities);
        resolutions = List.copyOf(resolutions);
        destination = Objects.requireNonNullElse(destination, "");
        candidates = List.copyOf(candidates);
        packageId = Objects.requireNonNullElse(packageId, "");
        inputs = List.copyOf(inputs);
        unused = List.copyOf(unused);
        refusal = Objects.requireNonNullElse(refusal, "");
        suggestions = List.copyOf(suggestions);
    }

    /**
     * Whether the sentence would be refused.
     *
     * @return true when no package is chosen
     */
    public boolean refused() {
        return packageId.isEmpty();
    }
}
