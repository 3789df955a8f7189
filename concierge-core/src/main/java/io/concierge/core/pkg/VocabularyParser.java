package io.concierge.core.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import io.concierge.api.pkg.InputHint;
import io.concierge.api.pkg.InputSpec;
import io.concierge.api.pkg.InputType;
import io.concierge.api.pkg.IntentVocabulary;
import io.concierge.api.workspace.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and checks the {@code intent:} section of a package file: the vocabulary that ties
 * sentences to the package and the hints that fill its inputs from them. Every problem is a
 * {@link Finding} that {@code bit package validate} prints.
 */
final class VocabularyParser {
    static final Set<String> INTENT_KEYS = Set.of("verbs", "keywords", "extensions", "formats", "phrases",
            "vague_verbs", "excludes", "extract");
    private static final Set<String> HINT_KEYS = Set.of("from", "words", "values");

    private VocabularyParser() {
    }

    /** The vocabulary of {@code intent} (the section's node, possibly missing); problems are added. */
    static IntentVocabulary parse(JsonNode intent, List<Finding> problems) {
        if (!intent.isMissingNode() && !intent.isObject()) {
            problems.add(new Finding("intent", "must be a mapping with verbs, keywords, extensions, formats"));
        }
        if (intent.isObject()) {
            intent.fieldNames().forEachRemaining(key -> {
                if (!INTENT_KEYS.contains(key)) {
                    problems.add(new Finding("intent." + key, "unknown key; expected one of " + new TreeSet<>(INTENT_KEYS)));
                }
            });
        }
        List<String> verbs = words(intent, "verbs", problems);
        List<String> vague = words(intent, "vague_verbs", problems);
        List<String> phrases = words(intent, "phrases", problems);
        if (verbs.isEmpty()) {
            problems.add(new Finding("intent.verbs", "list at least one verb, e.g. [normalize]"));
        }
        for (String v : vague) {
            if (!verbs.contains(v)) {
                problems.add(new Finding("intent.vague_verbs", "'" + v + "' is not one of intent.verbs; add it there too or remove it"));
            }
        }
        for (String p : phrases) {
            if (!p.contains(" ")) {
                problems.add(new Finding("intent.phrases", "'" + p + "' is one word; list it under intent.verbs or intent.keywords"));
            }
        }
        for (String v : verbs) {
            if (v.contains(" ")) {
                problems.add(new Finding("intent.verbs", "'" + v + "' has several words; list it under intent.phrases"));
            }
        }
        return new IntentVocabulary(verbs, words(intent, "keywords", problems), words(intent, "extensions", problems),
                words(intent, "formats", problems), phrases, vague, words(intent, "excludes", problems),
                hints(intent.path("extract"), problems));
    }

    /** Checks that every hint names an input and fits its type. */
    static void checkHints(IntentVocabulary vocabulary, List<InputSpec> inputs, List<Finding> problems) {
        vocabulary.extract().forEach((name, hint) -> {
            String at = "intent.extract." + name;
            InputSpec input = inputs.stream().filter(i -> i.name().equals(name)).findFirst().orElse(null);
            if (input == null) {
                problems.add(new Finding(at, "names no input; the inputs are "
                        + String.join(", ", inputs.stream().map(InputSpec::name).toList())));
                return;
            }
            if (hint.from().equals("resolution") && input.type() != InputType.STRING) {
                problems.add(new Finding(at + ".from", "resolution fills string inputs only; " + name + " is " + input.type().name().toLowerCase(Locale.ROOT)));
            }
            if (hint.from().equals("destination") && input.type() != InputType.STRING) {
                problems.add(new Finding(at + ".from", "destination fills string inputs only; " + name + " is " + input.type().name().toLowerCase(Locale.ROOT)));
            }
            if (hint.from().equals("path") && input.type() != InputType.STRING && input.type() != InputType.FILE) {
                problems.add(new Finding(at + ".from", "path fills file or string inputs only; " + name + " is " + input.type().name().toLowerCase(Locale.ROOT)));
            }
            if (input.type() == InputType.CHOICE) {
                hint.values().forEach((phrase, value) -> {
                    if (!input.choices().contains(value)) {
                        problems.add(new Finding(at + ".values." + phrase, "'" + value + "' is not one of " + name
                                + "'s choices (" + String.join(", ", input.choices()) + ")"));
                    }
                });
            }
            if (input.type() == InputType.BOOLEAN) {
                hint.values().forEach((phrase, value) -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        problems.add(new Finding(at + ".values." + phrase, "must be true or false for a boolean input"));
                    }
                });
            }
        });
    }

    private static Map<String, InputHint> hints(JsonNode node, List<Finding> problems) {
        Map<String, InputHint> hints = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return hints;
        }
        if (!node.isObject()) {
            problems.add(new Finding("intent.extract", "must map input names to hints, e.g. {source: {from: path}}"));
            return hints;
        }
        node.fields().forEachRemaining(field -> {
            String at = "intent.extract." + field.getKey();
            JsonNode hint = field.getValue();
            if (!hint.isObject()) {
                problems.add(new Finding(at, "must be a mapping with from, words or values"));
                return;
            }
            hint.fieldNames().forEachRemaining(key -> {
                if (!HINT_KEYS.contains(key)) {
                    problems.add(new Finding(at + "." + key, "unknown key; expected one of " + new TreeSet<>(HINT_KEYS)));
                }
            });
            String from = hint.path("from").asText("auto").strip().toLowerCase(Locale.ROOT);
            if (!InputHint.SOURCES.contains(from)) {
                problems.add(new Finding(at + ".from", "'" + from + "' must be one of " + String.join(", ", InputHint.SOURCES)));
            }
            Map<String, String> values = new LinkedHashMap<>();
            JsonNode valuesNode = hint.path("values");
            if (!valuesNode.isMissingNode() && !valuesNode.isObject()) {
                problems.add(new Finding(at + ".values", "must map words of the text to values, e.g. {tgz: tar.gz}"));
            } else {
                valuesNode.fields().forEachRemaining(v -> {
                    if (!v.getValue().isValueNode() || v.getValue().isNull()) {
                        problems.add(new Finding(at + ".values." + v.getKey(), "must be a single value"));
                    } else {
                        values.put(v.getKey().strip().toLowerCase(Locale.ROOT), v.getValue().asText());
                    }
                });
            }
            hints.put(field.getKey(), new InputHint(from, words(hint, "words", problems, at + "."), values));
        });
        return hints;
    }

    private static List<String> words(JsonNode node, String key, List<Finding> problems) {
        return words(node, key, problems, "intent.");
    }

    /** A list of words under {@code key}, lower-cased; anything else is a finding at {@code prefix + key}. */
    static List<String> words(JsonNode node, String key, List<Finding> problems, String prefix) {
        JsonNode value = node.path(key);
        List<String> words = new ArrayList<>();
        if (value.isMissingNode() || value.isNull()) {
            return words;
        }
        if (!value.isArray()) {
            problems.add(new Finding(prefix + key, "must be a list, e.g. [a, b]"));
            return words;
        }
        for (JsonNode item : value) {
            if (!item.isValueNode()) {
                problems.add(new Finding(prefix + key, "must list words"));
                continue;
            }
            words.add(item.asText().strip().toLowerCase(Locale.ROOT));
        }
        return words;
    }
}
