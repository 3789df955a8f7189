package io.concierge.core.pkg;

import io.concierge.api.intent.InputFill;
import io.concierge.api.intent.IntentExplanation;
import io.concierge.api.pkg.PackageMatch;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.core.intent.InputExtractor;
import io.concierge.core.intent.IntentSynthesizer;
import io.concierge.core.intent.Stems;
import io.concierge.core.intent.TextScanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Explains a sentence without writing anything: the decision of the {@link PackageMatcher}, the
 * inputs the chosen package would get and from which words, and the words nothing used.
 */
public final class IntentExplainer {
    private final PackageMatcher matcher;

    /** Creates an explainer deciding with {@code matcher}. */
    public IntentExplainer(PackageMatcher matcher) {
        this.matcher = matcher;
    }

    /** Explains {@code text} against {@code packages} with the planner's thresholds. */
    public IntentExplanation explain(String text, List<TaskPackage> packages, double minConfidence, double margin) {
        String normalized = IntentSynthesizer.normalize(text);
        PackageMatcher.Decision decision = matcher.decide(normalized, packages, minConfidence, margin);
        TextScanner.Reading reading = decision.reading();
        List<InputFill> inputs = List.of();
        Set<String> used = new HashSet<>(decision.usedWords());
        if (decision.chosen().isPresent()) {
            TaskPackage pkg = decision.chosen().get().taskPackage();
            inputs = decision.chain().isEmpty() ? InputExtractor.extract(normalized, reading.verb(), pkg) : chainFills(decision.chain());
            for (InputFill fill : inputs) {
                if (!fill.from().equals(InputExtractor.DEFAULT)) {
                    for (String w : fill.from().toLowerCase(java.util.Locale.ROOT).split("[\\s']+")) {
                        used.add(w);
                    }
                    if (fill.from().startsWith("the text after")) {
                        used.addAll(reading.words());
                    }
                }
            }
        }
        Set<String> usedStems = new HashSet<>();
        used.forEach(w -> usedStems.add(Stems.of(w)));
        List<String> unused = new ArrayList<>();
        for (String w : TextScanner.keywords(reading.words())) {
            if (!usedStems.contains(Stems.of(w)) && !TextScanner.isLeadIn(w) && !reading.formats().contains(w)) {
                unused.add(w);
            }
        }
        // A chain is shown first, as the candidate chosen, before the best single packages.
        List<PackageMatch> top = decision.chain().isEmpty() ? decision.ranked().stream().limit(3).toList()
                : java.util.stream.Stream.concat(decision.chosen().stream(), decision.ranked().stream().limit(2)).toList();
        return new IntentExplanation(normalized, reading.files(), reading.formats(), reading.quantities(),
                reading.resolutions(), reading.destination(), top,
                decision.chosen().map(m -> m.taskPackage().id()).orElse(""), inputs, unused,
                decision.refusal() == null ? "" : decision.refusal().getMessage(), decision.suggestions());
    }

    /** Each part's fills under the chain's input names, without the input the part before feeds. */
    private static List<InputFill> chainFills(List<PackageMatcher.ChainPart> chain) {
        List<String> names = PackageChain.names(chain.stream().map(PackageMatcher.ChainPart::pkg).toList());
        List<InputFill> fills = new ArrayList<>();
        for (int k = 0; k < chain.size(); k++) {
            PackageMatcher.ChainPart part = chain.get(k);
            String linked = k == 0 ? "" : PackageChain.linkInput(part.pkg()).map(io.concierge.api.pkg.InputSpec::name).orElse("");
            for (InputFill fill : InputExtractor.extract(part.text(), TextScanner.scan(part.text()).verb(), part.pkg())) {
                if (!fill.input().equals(linked)) {
                    fills.add(new InputFill(PackageChain.inputName(names.get(k), fill.input()), fill.value(), fill.from()));
                }
            }
        }
        return fills;
    }
}
