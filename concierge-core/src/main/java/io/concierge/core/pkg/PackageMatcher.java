package io.concierge.core.pkg;

import io.concierge.api.failure.AmbiguousIntentException;
import io.concierge.api.failure.CompoundIntentException;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.failure.NoMatchingPackageException;
import io.concierge.api.intent.Intent;
import io.concierge.api.intent.Quantity;
import io.concierge.api.pkg.InputHint;
import io.concierge.api.pkg.InputSpec;
import io.concierge.api.pkg.InputType;
import io.concierge.api.pkg.IntentVocabulary;
import io.concierge.api.pkg.PackageMatch;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.core.intent.Fuzzy;
import io.concierge.core.intent.Stems;
import io.concierge.core.intent.TextScanner;
import io.concierge.core.intent.TextScanner.Reading;
import io.concierge.core.intent.Units;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Scores task packages against a sentence and chooses one, or refuses with a reason.
 *
 * <p>Scores, capped at 1: the package's verb or one of its phrases leading a sentence 0.5 (a
 * typo of it 0.45), elsewhere 0.3; a vague verb ("convert") alone 0.3; a format word leading a
 * terse sentence ("mp3 x.wav") 0.2; a named file of one of its extensions 0.25; a format it
 * produces 0.25; a folder for a package that takes paths 0.2; a quantity or frame size one of its
 * inputs takes 0.2; keywords 0.15 each, at most 0.3. A named file none of its file inputs accepts
 * halves the score, a stated format it does not produce takes 30 % off, an excluded word zeroes it.
 *
 * <p>Refusals, in order: two requests chained in one sentence ({@link CompoundIntentException});
 * nothing reaching the minimum ({@link NoMatchingPackageException}, naming the closest); the best
 * chosen only by a vague verb with no target, or a rival within the margin
 * ({@link AmbiguousIntentException}, with a rephrasing for each candidate).
 *
 * <p>Longer than a screen on purpose: the scores of verbs, phrases, keywords, extensions and
 * formats are weighed against each other, and the refusals read those same scores; keeping the
 * weights and the decisions in one class keeps them comparable. (A split along the scoring and
 * the refusing is the next step if it grows further.)
 */
public final class PackageMatcher {
    private static final double VERB = 0.5;
    private static final double VERB_TYPO = 0.45;
    private static final double VERB_ELSEWHERE = 0.3;
    private static final double VAGUE_VERB = 0.3;
    private static final double LEAD_FORMAT = 0.2;
    private static final double EXTENSION = 0.25;
    private static final double FORMAT = 0.25;
    private static final double FOLDER = 0.2;
    private static final double QUANTITY = 0.2;
    private static final double KEYWORD = 0.15;
    private static final double KEYWORDS_MAX = 0.3;
    /** A part of a compound sentence counts as a request of its own from this score. */
    private static final double PART_MIN = 0.2;

    private static final Pattern SENTENCE_BREAK = Pattern.compile("(?<=[.!?;:])\\s+|,\\s+|\\s+-\\s+");
    private static final Pattern LEAD_WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_'-]*");
    private static final Pattern SEQUENCE = Pattern.compile(
            "(?i)\\s*,?\\s*\\b(?:and then|and afterwards|and after that|then|after that|afterwards|and finally|finally)\\b\\s*,?\\s*");

    /** One package's score, with the words that earned it. */
    record Scored(TaskPackage pkg, double score, List<String> reasons, Set<String> used, boolean verbEvidence,
                  boolean vague, String verbWord) {
        PackageMatch match() {
            return new PackageMatch(pkg, score, reasons);
        }
    }

    /**
     * The outcome for a sentence: the ranking, and either the chosen package or the refusal; for
     * a sentence of requests in turn that chain into one plan, the parts it was read as.
     */
    public record Decision(Reading reading, List<PackageMatch> ranked, Optional<PackageMatch> chosen,
                           ConciergeException refusal, List<String> suggestions, Set<String> usedWords,
                           List<ChainPart> chain) {
        /** Copies the lists. */
        public Decision {
            ranked = List.copyOf(ranked);
            suggestions = List.copyOf(suggestions);
            chain = List.copyOf(chain);
        }
    }

    /** One request of a chained sentence: its words and the package chosen for them. */
    public record ChainPart(String text, TaskPackage pkg) {
    }

    /** Every package's match, best first (ties by id). */
    public List<PackageMatch> rank(Intent intent, List<TaskPackage> packages) {
        return scoreAll(TextScanner.scan(intent.text()), packages).stream().map(Scored::match).toList();
    }

    /** Free-text search: the words of the query scored like an intent, best first, zero scores dropped. */
    public List<PackageMatch> search(String query, List<TaskPackage> packages) {
        Reading reading = TextScanner.scan(query);
        List<PackageMatch> matches = new ArrayList<>();
        for (Scored s : scoreAll(reading, packages)) {
            TaskPackage p = s.pkg();
            boolean idMatch = p.id().contains(query.strip().toLowerCase(Locale.ROOT));
            double confidence = Math.max(s.score(), idMatch ? 1.0 : 0);
            List<String> reasons = new ArrayList<>(s.reasons());
            if (idMatch) {
                reasons.add(0, "id contains '" + query.strip() + "'");
            }
            if (confidence > 0) {
                matches.add(new PackageMatch(p, confidence, reasons));
            }
        }
        matches.sort(Comparator.comparingDouble(PackageMatch::confidence).reversed()
                .thenComparing(m -> m.taskPackage().id()));
        return matches;
    }

    /**
     * The package for an intent: the best match when it reaches {@code minConfidence}, is not
     * chosen by a vague verb alone, and leads the next package by at least {@code margin};
     * otherwise an exception listing the candidates and a rephrasing for each.
     */
    public PackageMatch choose(Intent intent, List<TaskPackage> packages, double minConfidence, double margin) {
        Decision decision = decide(intent.text(), packages, minConfidence, margin);
        if (decision.refusal() != null) {
            throw decision.refusal();
        }
        return decision.chosen().orElseThrow();
    }

    /** Decides without throwing: what {@link #choose} would do, with everything needed to explain it. */
    public Decision decide(String text, List<TaskPackage> packages, double minConfidence, double margin) {
        Reading reading = TextScanner.scan(text);
        List<Scored> ranked = scoreAll(reading, packages);
        List<PackageMatch> matches = ranked.stream().map(Scored::match).toList();
        Set<String> used = ranked.isEmpty() ? Set.of() : ranked.get(0).used();

        List<String> parts = compoundParts(text, packages);
        if (parts.size() >= 2) {
            return chained(text, reading, matches, parts, packages, minConfidence, margin);
        }
        return single(text, reading, ranked, matches, used, packages, minConfidence, margin);
    }

    /**
     * Requests in turn ("normalize x.wav and then make an mp3 of it"): one plan when each part is
     * a clear request of its own, every later part names no file of its own (it works on the
     * result) and takes the earlier part's main output ({@link PackageChain#linkProblem}); else a
     * {@link CompoundIntentException} saying why, with each part as a sentence of its own.
     */
    private Decision chained(String text, Reading reading, List<PackageMatch> matches, List<String> parts,
                             List<TaskPackage> packages, double minConfidence, double margin) {
        List<ChainPart> chain = new ArrayList<>();
        List<String> described = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        String problem = null;
        double confidence = 1;
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            Reading partReading = TextScanner.scan(part);
            List<Scored> ranked = scoreAll(partReading, packages);
            Decision one = single(part, partReading, ranked, ranked.stream().map(Scored::match).toList(),
                    ranked.isEmpty() ? Set.of() : ranked.get(0).used(), packages, minConfidence, margin);
            described.add((i + 1) + ") \"" + part + "\" -> "
                    + one.chosen().map(m -> m.taskPackage().id()).orElse(ranked.isEmpty() ? "?" : ranked.get(0).pkg().id()));
            if (problem != null) {
                continue;
            }
            if (one.refusal() != null) {
                problem = "part " + (i + 1) + " is not clear on its own: " + one.refusal().getMessage();
                continue;
            }
            PackageMatch match = one.chosen().orElseThrow();
            if (i > 0) {
                ChainPart before = chain.get(i - 1);
                List<String> ownFiles = partReading.files();
                Optional<String> link = ownFiles.isEmpty()
                        ? PackageChain.linkProblem(before.pkg(), values(before), match.taskPackage()) : Optional.empty();
                if (!ownFiles.isEmpty()) {
                    problem = "part " + (i + 1) + " names a file of its own (" + ownFiles.get(0) + "), so it is a request of"
                            + " its own rather than a step on the result of part " + i;
                } else if (link.isPresent()) {
                    problem = "part " + (i + 1) + " cannot take the result of part " + i + ": " + link.get();
                }
            }
            chain.add(new ChainPart(part, match.taskPackage()));
            confidence = Math.min(confidence, match.confidence());
            reasons.add("part " + (i + 1) + " '" + part + "' -> " + match.taskPackage().id() + ": "
                    + String.join(", ", match.reasons()));
            used.addAll(one.usedWords());
        }
        if (problem == null) {
            TaskPackage composite = PackageChain.compose(chain.stream().map(ChainPart::pkg).toList());
            return new Decision(reading, matches, Optional.of(new PackageMatch(composite, confidence, reasons)), null,
                    List.of(), used, chain);
        }
        // Two jobs is the way out; an @job: link only helps when the parts would chain but one was unclear.
        String advice = "; make a job of each part instead, e.g. " + parts.stream().map(p -> "bit submit \"" + p + "\"")
                .collect(Collectors.joining(" and "));
        if (problem.startsWith("part ") && problem.contains("is not clear on its own") && !chain.isEmpty()) {
            TaskPackage second = scoreAll(TextScanner.scan(parts.get(chain.size())), packages).get(0).pkg();
            Optional<InputSpec> takes = PackageChain.linkInput(second);
            if (takes.isPresent() && chain.size() == 1) {
                advice += ", then give the second the first one's output with: bit job set --job-id J2 "
                        + takes.get().name() + "=@job:J1/" + firstOutput(chain.get(0).pkg());
            }
        }
        return refused(reading, matches, new CompoundIntentException("\"" + text + "\" asks for " + parts.size()
                + " things in turn (" + String.join(", ", described) + ") that do not make one plan: " + problem + advice,
                parts), parts, used);
    }

    /** The inputs the words of a chain part give its package, by name. */
    private static java.util.Map<String, String> values(ChainPart part) {
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        io.concierge.core.intent.InputExtractor.extract(part.text(), TextScanner.scan(part.text()).verb(), part.pkg())
                .forEach(fill -> values.put(fill.input(), fill.value()));
        return values;
    }

    /** One request: the best package, or why none is chosen. */
    private Decision single(String text, Reading reading, List<Scored> ranked, List<PackageMatch> matches, Set<String> used,
                            List<TaskPackage> packages, double minConfidence, double margin) {
        if (ranked.isEmpty() || ranked.get(0).score() < minConfidence) {
            String closest = ranked.stream().limit(3).filter(m -> m.score() > 0)
                    .map(PackageMatcher::describe).collect(Collectors.joining(", "));
            return refused(reading, matches, new NoMatchingPackageException("no task package matches \"" + text + "\""
                    + (closest.isEmpty() ? "" : " well enough (closest: " + closest + ")")
                    + "; rephrase it with a verb such as "
                    + packages.stream().flatMap(p -> p.vocabulary().verbs().stream().limit(1)).distinct().sorted()
                    .collect(Collectors.joining(", "))
                    + ", or see: bit package list"), List.of(), used);
        }
        Scored best = ranked.get(0);
        List<Scored> rivals = ranked.stream().skip(1)
                .filter(m -> m.score() >= minConfidence && (best.score() - m.score() < margin
                        || best.vague() && m.verbWord().equals(best.verbWord())))
                .toList();
        if (best.vague() || !rivals.isEmpty()) {
            List<Scored> tied = new ArrayList<>();
            tied.add(best);
            tied.addAll(rivals);
            String object = reading.files().isEmpty() ? "it" : quoteIfSpaced(reading.files().get(0));
            List<String> suggestions = new ArrayList<>();
            for (Scored s : tied) {
                suggestions.addAll(rephrasings(s, object));
            }
            String why = best.vague() && rivals.isEmpty()
                    ? "does not say what to make of it with '" + best.verbWord() + "' (" + describe(best) + ")"
                    : "matches several task packages about equally ("
                    + tied.stream().map(PackageMatcher::describe).collect(Collectors.joining(", ")) + ")";
            return refused(reading, matches, new AmbiguousIntentException("\"" + text + "\" " + why
                    + "; say which, e.g. " + suggestions.stream().map(s -> "\"" + s + "\"")
                    .collect(Collectors.joining(" or "))), suggestions, used);
        }
        return new Decision(reading, matches, Optional.of(best.match()), null, List.of(), used, List.of());
    }

    private static Decision refused(Reading reading, List<PackageMatch> ranked, ConciergeException refusal,
                                    List<String> suggestions, Set<String> used) {
        return new Decision(reading, ranked, Optional.empty(), refusal, suggestions, used, List.of());
    }

    private static String quoteIfSpaced(String file) {
        return file.contains(" ") ? "\"" + file + "\"" : file;
    }

    private static List<String> rephrasings(Scored s, String object) {
        IntentVocabulary v = s.pkg().vocabulary();
        String verb = v.verbs().stream().filter(w -> !v.vagueVerbs().contains(w)).findFirst().orElse(v.verbs().get(0));
        List<String> out = new ArrayList<>();
        // Only formats the package makes (a choice of one of its inputs): "backup x.db to sqlite" says nothing.
        List<String> targets = v.formats().stream()
                .filter(f -> s.pkg().inputs().stream().anyMatch(i -> i.choices().contains(f))).toList();
        if (s.vague() && !targets.isEmpty()) {
            for (String format : targets) {
                out.add(verb + " " + object + " to " + format);
            }
        } else {
            out.add(verb + " " + object + (targets.isEmpty() ? "" : " to " + targets.get(0)));
        }
        return out;
    }

    private static String firstOutput(TaskPackage p) {
        return p.outputs().keySet().stream().findFirst().orElse("output");
    }

    /** The parts of a sentence that chains requests with "then" / "after that", when each part is a request. */
    List<String> compoundParts(String text, List<TaskPackage> packages) {
        String[] pieces = SEQUENCE.split(text);
        if (pieces.length < 2 || pieces.length > 6) {
            // More than six steps in one sentence is not a plan anyone types; read it as one request.
            return List.of();
        }
        List<String> parts = new ArrayList<>();
        for (String piece : pieces) {
            String part = piece.strip().replaceAll("^(?i)first,?\\s+", "").replaceAll("[.,;!?]+$", "");
            if (part.isEmpty()) {
                continue;
            }
            List<Scored> scored = scoreAll(TextScanner.scan(part), packages);
            if (scored.isEmpty() || scored.get(0).score() < PART_MIN) {
                return List.of();
            }
            parts.add(part);
        }
        return parts.size() >= 2 ? parts : List.of();
    }

    private static String describe(Scored m) {
        return m.pkg().ref() + String.format(Locale.ROOT, " %.2f", m.score());
    }

    List<Scored> scoreAll(Reading reading, List<TaskPackage> packages) {
        Set<String> leads = leadWords(reading.text());
        Set<String> known = new HashSet<>();
        for (TaskPackage p : packages) {
            known.addAll(p.vocabulary().verbs());
            known.addAll(p.vocabulary().keywords());
            known.addAll(p.vocabulary().formats());
        }
        List<Scored> scored = new ArrayList<>();
        for (TaskPackage p : packages) {
            scored.add(score(reading, leads, known, p));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(m -> m.pkg().id()));
        return scored;
    }

    /** The first word of each sentence or clause that is not a lead-in: where an imperative verb stands. */
    private static Set<String> leadWords(String text) {
        Set<String> leads = new HashSet<>();
        for (String sentence : SENTENCE_BREAK.split(text)) {
            Matcher word = LEAD_WORD.matcher(sentence);
            while (word.find()) {
                String w = word.group().toLowerCase(Locale.ROOT).replaceAll("['-]+$", "");
                if (w.length() > 1 && !TextScanner.isLeadIn(w) && !w.equals("it")) {
                    leads.add(w);
                    break;
                }
            }
        }
        return leads;
    }

    private static Scored score(Reading reading, Set<String> leads, Set<String> known, TaskPackage p) {
        IntentVocabulary v = p.vocabulary();
        List<String> reasons = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        Set<String> verbStems = v.verbs().stream().map(Stems::of).collect(Collectors.toSet());
        Set<String> vagueStems = v.vagueVerbs().stream().map(Stems::of).collect(Collectors.toSet());
        Set<String> keywordStems = v.keywords().stream().map(Stems::of).collect(Collectors.toSet());
        List<String> words = reading.words();

        for (String excluded : v.excludes()) {
            String stem = Stems.of(excluded);
            boolean inWords = words.stream().anyMatch(w -> Stems.of(w).equals(stem));
            boolean inFiles = reading.files().stream().anyMatch(f -> extension(f).equals(excluded));
            if (inWords || inFiles) {
                return new Scored(p, 0, List.of("ruled out by '" + excluded + "'"), Set.of(), false, false, "");
            }
        }

        // The verb: the best of a verb or phrase leading a sentence, a typo of one, or one elsewhere.
        double verbScore = 0;
        String verbReason = "";
        String verbWord = "";
        boolean vague = false;
        for (String w : words) {
            for (String form : forms(w)) {
                String stem = Stems.of(form);
                boolean lead = leads.contains(w);
                double s = 0;
                String why = "";
                boolean isVague = false;
                if (verbStems.contains(stem)) {
                    isVague = vagueStems.contains(stem);
                    s = isVague ? (lead ? VAGUE_VERB : VAGUE_VERB - 0.1) : lead ? VERB : VERB_ELSEWHERE;
                    why = (isVague ? "vague verb '" : "verb '") + w + "'" + (lead ? "" : " (not leading)");
                } else if (!known.contains(form)) {
                    Optional<String> typo = Fuzzy.typoOf(form, v.verbs(), known);
                    if (typo.isPresent()) {
                        isVague = v.vagueVerbs().contains(typo.get());
                        s = isVague ? VAGUE_VERB - 0.05 : lead ? VERB_TYPO : VERB_ELSEWHERE - 0.05;
                        why = "verb '" + w + "' read as '" + typo.get() + "'";
                    }
                }
                if (s > verbScore) {
                    verbScore = s;
                    verbReason = why;
                    verbWord = w;
                    vague = isVague;
                }
            }
        }
        for (String phrase : v.phrases()) {
            List<String> found = phrase(words, phrase);
            if (!found.isEmpty() && VERB >= verbScore && !(VERB == verbScore && !vague)) {
                verbScore = VERB;
                verbReason = "phrase '" + phrase + "'";
                verbWord = String.join(" ", found);
                vague = false;
            }
        }
        if (verbScore > 0) {
            reasons.add(verbReason + " +" + fmt(verbScore));
            used.addAll(List.of(verbWord.split(" ")));
        }
        double score = verbScore;

        // Terse sentences lead with the format they want: "mp3 voiceover.wav", "tgz src".
        for (String w : words) {
            String format = formatOf(w);
            if (leads.contains(w) && format != null && v.formats().contains(format) && !used.contains(w)) {
                score += LEAD_FORMAT;
                reasons.add("leads with format " + format + " +" + fmt(LEAD_FORMAT));
                used.add(w);
                break;
            }
        }

        List<String> plainFiles = reading.files().stream().filter(f -> !reading.folders().contains(f)).toList();
        for (String file : plainFiles) {
            String extension = extension(file);
            if (v.extensions().contains(extension)) {
                score += EXTENSION;
                reasons.add("file ." + extension + " +" + fmt(EXTENSION));
                break;
            }
        }
        boolean targetStated = false;
        List<String> foreignFormats = new ArrayList<>();
        for (String format : reading.formats()) {
            if (v.formats().contains(format) || v.formats().contains(format.replace("tar.gz", "tgz"))) {
                score += FORMAT;
                reasons.add("format " + format + " +" + fmt(FORMAT));
                targetStated = true;
                break;
            }
            if (!acceptsValue(p, format)) {
                foreignFormats.add(format); // "back up x.db with gzip": gzip is a value of db.backup's compression
            }
        }
        if (takesPaths(p) && !reading.folders().isEmpty()) {
            score += FOLDER;
            reasons.add("folder " + reading.folders().get(0) + " +" + fmt(FOLDER));
        }
        for (Quantity q : reading.quantities()) {
            if (takesUnitOf(p, q)) {
                score += QUANTITY;
                reasons.add("value " + q + " +" + fmt(QUANTITY));
                targetStated = true;
                break;
            }
        }
        if (!reading.resolutions().isEmpty() && takesResolution(p)) {
            score += QUANTITY;
            reasons.add("frame size " + reading.resolutions().get(0) + " +" + fmt(QUANTITY));
            targetStated = true;
        }
        double keywordScore = 0;
        for (String w : new LinkedHashSet<>(words)) {
            if (used.contains(w) || TextScanner.isStopWord(w) || keywordScore >= KEYWORDS_MAX) {
                continue;
            }
            String stem = Stems.of(w);
            boolean hit = keywordStems.contains(stem) && !verbStems.contains(stem);
            if (!hit && w.length() >= 6 && !known.contains(w)) {
                hit = Fuzzy.typoOf(w, v.keywords(), known).isPresent();
            }
            if (hit) {
                keywordScore += KEYWORD;
                reasons.add("keyword '" + w + "' +" + fmt(KEYWORD));
                used.add(w);
            }
        }
        score += Math.min(KEYWORDS_MAX, keywordScore);

        // What the text names must fit: a .jpg is no input of a video package, a folder no audio file.
        Optional<InputSpec> fileInput = p.inputs().stream().filter(i -> i.type() == InputType.FILE && i.required()).findFirst();
        if (fileInput.isPresent() && !reading.files().isEmpty() && !hintsPath(p, fileInput.get().name())) {
            List<String> extensions = fileInput.get().extensions();
            boolean fits = plainFiles.stream().anyMatch(f -> extensions.isEmpty() || extensions.contains(extension(f)));
            if (!fits) {
                score *= 0.5;
                reasons.add("no named file fits " + fileInput.get().name()
                        + (extensions.isEmpty() ? "" : " (." + String.join(", .", extensions) + ")") + " x0.5");
            }
        }
        if (!foreignFormats.isEmpty() && !targetStated && !v.formats().isEmpty()) {
            score *= 0.7;
            reasons.add("format " + foreignFormats.get(0) + " is not one it makes x0.7");
        }
        if (vague && targetStated) {
            vague = false; // "convert x.wav to flac": the format says what convert means
        }
        if (vague && score <= VAGUE_VERB + 1e-9) {
            score = Math.min(score, 0.2); // "convert it": a vague verb alone asks for nothing in particular
        }
        double rounded = Math.min(1.0, Math.round(score * 100) / 100.0);
        return new Scored(p, rounded, reasons, used, verbScore > 0, vague && verbScore > 0, verbWord);
    }

    /** The word and, for hyphenated words, its last part: "sanity-check" is also "check". */
    private static List<String> forms(String w) {
        int dash = w.lastIndexOf('-');
        return dash > 0 && dash < w.length() - 1 ? List.of(w, w.substring(dash + 1)) : List.of(w);
    }

    /** The words of {@code words} that spell {@code phrase} in order, up to two other words between; empty if none. */
    static List<String> phrase(List<String> words, String phrase) {
        String[] parts = phrase.toLowerCase(Locale.ROOT).split("\\s+");
        for (int start = 0; start < words.size(); start++) {
            if (!Stems.of(words.get(start)).equals(Stems.of(parts[0]))) {
                continue;
            }
            List<String> found = new ArrayList<>(List.of(words.get(start)));
            int at = start;
            for (int k = 1; k < parts.length; k++) {
                int next = -1;
                for (int j = at + 1; j <= Math.min(words.size() - 1, at + 3); j++) {
                    if (Stems.of(words.get(j)).equals(Stems.of(parts[k]))) {
                        next = j;
                        break;
                    }
                }
                if (next < 0) {
                    found = null;
                    break;
                }
                found.add(words.get(next));
                at = next;
            }
            if (found != null) {
                return found;
            }
        }
        return List.of();
    }

    private static String formatOf(String word) {
        return TextScanner.formatOf(word).orElse(null);
    }

    /** Whether a word is one of the package's choices or a word of its extraction hints. */
    private static boolean acceptsValue(TaskPackage p, String word) {
        for (InputSpec input : p.inputs()) {
            if (input.choices().contains(word)) {
                return true;
            }
        }
        return p.vocabulary().extract().values().stream().anyMatch(h -> h.values().containsKey(word) || h.values().containsValue(word));
    }

    private static boolean takesPaths(TaskPackage p) {
        return p.vocabulary().extract().values().stream().anyMatch(h -> h.from().equals("path"));
    }

    private static boolean hintsPath(TaskPackage p, String input) {
        InputHint hint = p.vocabulary().extract().get(input);
        return hint != null && hint.from().equals("path");
    }

    private static boolean takesResolution(TaskPackage p) {
        return p.vocabulary().extract().values().stream().anyMatch(h -> h.from().equals("resolution"));
    }

    private static boolean takesUnitOf(TaskPackage p, Quantity q) {
        Optional<Units.Unit> unit = Units.find(q.unit());
        if (unit.isEmpty()) {
            return false;
        }
        for (InputSpec input : p.inputs()) {
            if (!input.unit().isEmpty() && Units.find(input.unit()).map(u -> u.family().equals(unit.get().family())).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    static String extension(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
