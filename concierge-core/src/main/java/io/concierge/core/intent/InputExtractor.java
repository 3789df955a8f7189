package io.concierge.core.intent;

import io.concierge.api.intent.InputFill;
import io.concierge.api.intent.Quantity;
import io.concierge.api.pkg.InputHint;
import io.concierge.api.pkg.InputSpec;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.core.intent.TextScanner.Reading;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a package's inputs from a sentence, saying for each which words gave its value. Each
 * input is filled the way its {@code intent.extract} hint says (see {@link InputHint}), else by
 * its type: files by extension, numbers by unit (converted later, when the plan binds them) or by
 * a cue word ("quality 6"), choices by the formats and words of the text.
 */
public final class InputExtractor {
    /** The source label of a value that came from the input's default. */
    public static final String DEFAULT = "default";

    private InputExtractor() {
    }

    /** The inputs of {@code pkg} filled from {@code text}, in the package's order. */
    public static List<InputFill> extract(String text, String verb, TaskPackage pkg) {
        Reading reading = TextScanner.scan(text);
        List<InputFill> fills = new ArrayList<>();
        Set<String> usedFiles = new HashSet<>();
        Set<Quantity> usedQuantities = new HashSet<>();
        for (InputSpec input : pkg.inputs()) {
            InputHint hint = pkg.vocabulary().extract().get(input.name());
            String from = hint != null && !hint.from().equals("auto") ? hint.from()
                    : input.fill().equals("text") ? "text" : input.fill().equals("none") ? "none" : "auto";
            Optional<InputFill> found = switch (from) {
                case "none" -> Optional.empty();
                case "text" -> Optional.of(new InputFill(input.name(), textAfterVerb(text, verb), "the text after '" + verb + "'"))
                        .filter(f -> !f.value().isEmpty());
                case "path" -> path(reading, input, verb, pkg, usedFiles);
                case "destination" -> reading.destination().isEmpty() ? Optional.<InputFill>empty()
                        : Optional.of(new InputFill(input.name(), reading.destination(), reading.destination()));
                case "resolution" -> reading.resolutions().stream().findFirst()
                        .map(r -> new InputFill(input.name(), r, r));
                default -> byType(reading, input, hint, usedFiles, usedQuantities);
            };
            fills.add(found.orElse(new InputFill(input.name(), input.defaultValue(), DEFAULT)));
        }
        return fills;
    }

    private static Optional<InputFill> byType(Reading reading, InputSpec input, InputHint hint, Set<String> usedFiles,
                                              Set<Quantity> usedQuantities) {
        Optional<InputFill> byValue = hint == null ? Optional.empty() : byValues(reading, input, hint.values());
        if (byValue.isPresent()) {
            return byValue;
        }
        return switch (input.type()) {
            case FILE -> file(reading, input, usedFiles);
            case NUMBER, INTEGER -> quantity(reading, input, usedQuantities)
                    .or(() -> cued(reading, input, hint));
            case CHOICE -> choice(reading, input);
            case STRING, BOOLEAN, FILE_NAME -> Optional.empty();
        };
    }

    /**
     * A word or phrase of the hint's table found among the words: "no compression" means none.
     * A phrase right after a negation ("do not overwrite", "without overwrite") means nothing:
     * reading it as its value would do the opposite of what was asked.
     */
    private static Optional<InputFill> byValues(Reading reading, InputSpec input, Map<String, String> values) {
        String words = " " + String.join(" ", reading.words()) + " ";
        List<String> formats = reading.formats();
        List<Map.Entry<String, String>> entries = new ArrayList<>(values.entrySet());
        entries.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> -e.getKey().length()));
        for (Map.Entry<String, String> e : entries) {
            String phrase = e.getKey().toLowerCase(Locale.ROOT);
            int at = words.indexOf(" " + phrase + " ");
            if (at >= 0 && !negated(words.substring(0, at)) || formats.contains(phrase)) {
                return Optional.of(new InputFill(input.name(), e.getValue(), phrase));
            }
        }
        return Optional.empty();
    }

    private static final Set<String> NEGATIONS = Set.of("not", "don't", "dont", "never", "without", "no", "nor");

    /** Whether one of the last two words of {@code before} negates what follows. */
    private static boolean negated(String before) {
        String[] words = before.strip().split(" ");
        for (int i = Math.max(0, words.length - 2); i < words.length; i++) {
            if (NEGATIONS.contains(words[i])) {
                return true;
            }
        }
        return false;
    }

    private static Optional<InputFill> file(Reading reading, InputSpec input, Set<String> used) {
        for (String file : reading.files()) {
            if (reading.folders().contains(file) || used.contains(file)) {
                continue;
            }
            String name = file.substring(file.lastIndexOf('/') + 1);
            String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
            if (input.extensions().isEmpty() || input.extensions().contains(extension)) {
                used.add(file);
                return Optional.of(new InputFill(input.name(), file, file));
            }
        }
        return Optional.empty();
    }

    /** A file or folder named in any way; failing that, the first plain word after the verb ("tgz src"). */
    private static Optional<InputFill> path(Reading reading, InputSpec input, String verb, TaskPackage pkg, Set<String> used) {
        for (String file : reading.files()) {
            if (!used.contains(file)) {
                used.add(file);
                return Optional.of(new InputFill(input.name(), file, file));
            }
        }
        if (!reading.quoted().isEmpty()) {
            return Optional.of(new InputFill(input.name(), reading.quoted().get(0), "'" + reading.quoted().get(0) + "'"));
        }
        Set<String> vocabulary = new HashSet<>();
        pkg.vocabulary().verbs().forEach(v -> vocabulary.add(Stems.of(v)));
        pkg.vocabulary().keywords().forEach(v -> vocabulary.add(Stems.of(v)));
        pkg.vocabulary().phrases().forEach(p -> List.of(p.split("\\s+")).forEach(v -> vocabulary.add(Stems.of(v))));
        int start = reading.words().indexOf(verb.toLowerCase(Locale.ROOT));
        for (int i = Math.max(0, start + 1); i < reading.words().size(); i++) {
            String w = reading.words().get(i);
            if (TextScanner.isStopWord(w) || TextScanner.isLeadIn(w) || w.length() < 2 || vocabulary.contains(Stems.of(w))
                    || TextScanner.FORMATS.containsKey(w) || TextScanner.FOLDER_WORDS.contains(w)
                    || w.chars().allMatch(Character::isDigit)) {
                continue;
            }
            Matcher original = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}_])" + Pattern.quote(w) + "(?![\\p{L}\\p{N}_])")
                    .matcher(reading.text());
            String name = original.find() ? original.group() : w;
            return Optional.of(new InputFill(input.name(), name, name));
        }
        return Optional.empty();
    }

    private static Optional<InputFill> quantity(Reading reading, InputSpec input, Set<Quantity> used) {
        if (input.unit().isEmpty()) {
            return Optional.empty();
        }
        Units.Unit target = Units.find(input.unit()).orElseThrow();
        List<Quantity> candidates = new ArrayList<>();
        for (Quantity q : reading.quantities()) {
            Optional<Units.Unit> unit = Units.find(q.unit());
            if (unit.isEmpty() || used.contains(q)) {
                continue;
            }
            if (unit.get().family().equals(target.family())) {
                candidates.add(q);
            } else if (target.family().equals("bitrate") && unit.get().family().equals("size")
                    && (q.unit().equals("KB") || q.unit().equals("MB"))) {
                // "128k" in a sentence about bit rates means 128 kbit/s, not 128 KiB.
                candidates.add(new Quantity(q.value(), q.unit().equals("KB") ? "kbps" : "Mbps"));
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        // With several candidates, prefer the one the text introduces with the input's own words
        // ("target bitrate: 5 Mbps" for bitrate, "true peak -2 dBTP" for true_peak).
        Quantity chosen = candidates.get(0);
        String lower = reading.text().toLowerCase(Locale.ROOT);
        for (Quantity q : candidates) {
            int at = lower.indexOf(number(q.value()));
            String before = at < 0 ? "" : lower.substring(Math.max(0, at - 30), at);
            for (String part : input.name().split("_")) {
                if (part.length() > 2 && before.contains(part)) {
                    chosen = q;
                }
            }
        }
        used.add(chosen);
        for (Quantity q : reading.quantities()) {
            if (q.value() == chosen.value()) {
                used.add(q);
            }
        }
        return Optional.of(new InputFill(input.name(), chosen.toString(), chosen.toString()));
    }

    /** A bare number after one of the input's cue words: "quality 6", "level 9". */
    private static Optional<InputFill> cued(Reading reading, InputSpec input, InputHint hint) {
        List<String> cues = new ArrayList<>();
        if (hint != null) {
            cues.addAll(hint.words());
        }
        for (String part : input.name().split("_")) {
            if (part.length() > 3) {
                cues.add(part);
            }
        }
        for (String cue : cues) {
            Matcher m = Pattern.compile("(?i)\\b" + Pattern.quote(cue) + "\\s*(?:of|at|=|:|to|is)?\\s*([-+]?\\d+(?:\\.\\d+)?)")
                    .matcher(reading.text());
            if (m.find()) {
                return Optional.of(new InputFill(input.name(), m.group(1), m.group().strip()));
            }
        }
        return Optional.empty();
    }

    private static Optional<InputFill> choice(Reading reading, InputSpec input) {
        for (String format : reading.formats()) {
            if (input.choices().contains(format)) {
                return Optional.of(new InputFill(input.name(), format, format));
            }
        }
        for (String word : reading.words()) {
            if (input.choices().contains(word)) {
                return Optional.of(new InputFill(input.name(), word, word));
            }
        }
        return Optional.empty();
    }

    private static String textAfterVerb(String text, String verb) {
        String result = text;
        if (!verb.isEmpty()) {
            Matcher m = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])" + Pattern.quote(verb) + "(?![\\p{L}\\p{N}])").matcher(text);
            if (m.find()) {
                result = text.substring(m.end());
            }
        }
        result = result.strip();
        // echo "build 42 passed": the quotes delimit the message, they are not part of it.
        Matcher quoted = Pattern.compile("^[\"'`\u201C\u2018\u00AB\u201E](.*)[\"'`\u201D\u2019\u00BB\u201C]$").matcher(result);
        return quoted.matches() ? quoted.group(1).strip() : result;
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
