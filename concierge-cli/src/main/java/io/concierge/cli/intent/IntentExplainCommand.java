package io.concierge.cli.intent;

import io.concierge.api.Concierge;
import io.concierge.api.intent.InputFill;
import io.concierge.api.intent.IntentExplanation;
import io.concierge.api.intent.Quantity;
import io.concierge.api.pkg.PackageMatch;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.output.JsonOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bit intent explain --text T} (or {@code --intent-id ID}): why a sentence becomes the job it
 * becomes, or why it is refused. Writes nothing; exits 0 whenever it could explain, refused or not.
 */
@Command(name = "explain", description = {"Explain what a sentence would become: the files, formats and values read "
        + "from it, the scores of the best three packages, which words fill which input, the words left unused, "
        + "and why it would be refused. Writes nothing."})
public final class IntentExplainCommand extends BitSubcommand {
    @ArgGroup(multiplicity = "1")
    private Source source;

    /** Where the sentence comes from. */
    static final class Source {
        @Option(names = "--text", paramLabel = "TEXT", description = "The sentence to explain.")
        String text;

        @Option(names = "--intent-id", paramLabel = "ID", description = "An intent (id or unique prefix) whose sentence to explain.")
        String intentId;
    }

    @Mixin
    private JsonOption json;

    /** Creates the command; picocli fills it. */
    public IntentExplainCommand() {
    }

    @Override
    public Integer call() {
        try (Concierge concierge = openExisting()) {
            String text = source.text != null ? source.text : concierge.intent(source.intentId).text();
            IntentExplanation explanation = concierge.explainIntent(text);
            if (json.enabled()) {
                json().print(out(), view(explanation));
            } else {
                lines(explanation).forEach(out()::println);
            }
        }
        return ExitCodes.OK;
    }

    /** The explanation for {@code --json}: one object, snake_case keys. */
    static Map<String, Object> view(IntentExplanation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", e.text());
        m.put("files", e.files());
        m.put("formats", e.formats());
        m.put("quantities", e.quantities().stream().map(q -> Map.of("value", (Object) q.value(), "unit", q.unit())).toList());
        m.put("resolutions", e.resolutions());
        m.put("destination", e.destination());
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (PackageMatch c : e.candidates()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("package", c.taskPackage().id());
            cm.put("version", c.taskPackage().version());
            cm.put("score", c.confidence());
            cm.put("reasons", c.reasons());
            candidates.add(cm);
        }
        m.put("candidates", candidates);
        m.put("package", e.packageId().isEmpty() ? null : e.packageId());
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (InputFill f : e.inputs()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("name", f.input());
            fm.put("value", f.value());
            fm.put("from", f.from());
            inputs.add(fm);
        }
        m.put("inputs", inputs);
        m.put("unused", e.unused());
        m.put("refusal", e.refusal().isEmpty() ? null : e.refusal());
        m.put("suggestions", e.suggestions());
        return m;
    }

    /** The explanation for people, one fact per line. */
    static List<String> lines(IntentExplanation e) {
        List<String> lines = new ArrayList<>();
        lines.add("text: " + e.text());
        lines.add("files: " + list(e.files()));
        lines.add("formats: " + list(e.formats()));
        lines.add("values: " + list(e.quantities().stream().map(Quantity::toString).toList()));
        lines.add("frame sizes: " + list(e.resolutions()));
        if (!e.destination().isEmpty()) {
            lines.add("destination: " + e.destination() + (e.inputs().stream().anyMatch(f -> f.value().equals(e.destination())
                    && !f.from().equals("default")) ? "" : " (read; the chosen package takes no destination)"));
        }
        lines.add("candidates:");
        int rank = 1;
        for (PackageMatch c : e.candidates()) {
            lines.add(String.format(Locale.ROOT, "  %d. %-24s %.2f  %s", rank++, c.taskPackage().ref(), c.confidence(),
                    c.reasons().isEmpty() ? "nothing matched" : String.join(", ", c.reasons())));
        }
        if (e.refused()) {
            lines.add("refused: " + e.refusal());
            for (String s : e.suggestions()) {
                lines.add("  try: bit intent synth --text \"" + s.replace("\"", "\\\"") + "\"");
            }
        } else {
            lines.add("package: " + e.packageId());
            lines.add("inputs:");
            for (InputFill f : e.inputs()) {
                lines.add("  " + f.input() + " = " + (f.value().isEmpty() ? "(empty)" : f.value())
                        + (f.from().equals("default") ? "  (default)" : "  <- \"" + f.from() + "\""));
            }
        }
        lines.add("unused: " + list(e.unused()));
        return lines;
    }

    private static String list(List<String> values) {
        return values.isEmpty() ? "-" : String.join(", ", values);
    }
}
