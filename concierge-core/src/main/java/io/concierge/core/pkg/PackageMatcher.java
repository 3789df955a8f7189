package io.concierge.core.pkg;

import io.concierge.api.failure.AmbiguousIntentException;
import io.concierge.api.failure.NoMatchingPackageException;
import io.concierge.api.intent.Intent;
import io.concierge.api.pkg.IntentVocabulary;
import io.concierge.api.pkg.PackageMatch;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.core.intent.Stems;
import io.concierge.core.intent.TextScanner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Scores task packages against an intent. The verb counts most (0.5), mentioned file extensions
 * and format words next (0.2 each), then keywords (0.15 each, at most 0.3); a package's verb
 * mentioned elsewhere in the text counts 0.25. The score is capped at 1.
 */
public final class PackageMatcher {
    private static final double VERB = 0.5;
    private static final double VERB_ELSEWHERE = 0.25;
    private static final double EXTENSION = 0.2;
    private static final double FORMAT = 0.2;
    private static final double KEYWORD = 0.15;
    private static final double KEYWORDS_MAX = 0.3;

    /** Every package's match, best first (ties by id). */
    public List<PackageMatch> rank(Intent intent, List<TaskPackage> packages) {
        List<PackageMatch> matches = new ArrayList<>();
        for (TaskPackage p : packages) {
            matches.add(score(intent.verb(), intent.keywords(), intent.files(), intent.formats(), p));
        }
        matches.sort(Comparator.comparingDouble(PackageMatch::confidence).reversed()
                .thenComparing(m -> m.taskPackage().id()));
        return matches;
    }

    /** Free-text search: the words of the query scored like an intent, best first, zero scores dropped. */
    public List<PackageMatch> search(String query, List<TaskPackage> packages) {
        TextScanner.Findings found = TextScanner.scan(query);
        List<String> keywords = TextScanner.keywords(found.words());
        List<PackageMatch> matches = new ArrayList<>();
        for (TaskPackage p : packages) {
            PackageMatch byText = score(found.verb(), keywords, found.files(), found.formats(), p);
            boolean idMatch = p.id().contains(query.strip().toLowerCase(Locale.ROOT));
            double confidence = Math.max(byText.confidence(), idMatch ? 1.0 : 0);
            List<String> reasons = new ArrayList<>(byText.reasons());
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
     * The package for an intent: the best match when it reaches {@code minConfidence} and leads
     * the next package of another id by at least {@code margin}; otherwise an exception listing
     * the candidates.
     */
    public PackageMatch choose(Intent intent, List<TaskPackage> packages, double minConfidence, double margin) {
        List<PackageMatch> ranked = rank(intent, packages);
        if (ranked.isEmpty() || ranked.get(0).confidence() < minConfidence) {
            String closest = ranked.stream().limit(3).filter(m -> m.confidence() > 0)
                    .map(PackageMatcher::describe).collect(Collectors.joining(", "));
            throw new NoMatchingPackageException("no task package matches \"" + intent.text() + "\""
                    + (closest.isEmpty() ? "" : " well enough (closest: " + closest + ")")
                    + "; rephrase it with a verb such as "
                    + packages.stream().flatMap(p -> p.vocabulary().verbs().stream().limit(1)).distinct().sorted()
                    .collect(Collectors.joining(", "))
                    + ", or see: bit package list");
        }
        PackageMatch best = ranked.get(0);
        List<PackageMatch> rivals = ranked.stream().skip(1)
                .filter(m -> best.confidence() - m.confidence() < margin)
                .toList();
        if (!rivals.isEmpty()) {
            List<PackageMatch> tied = new ArrayList<>();
            tied.add(best);
            tied.addAll(rivals);
            throw new AmbiguousIntentException("\"" + intent.text() + "\" matches several task packages about equally ("
                    + tied.stream().map(PackageMatcher::describe).collect(Collectors.joining(", "))
                    + "); say more, e.g. name the file or the format");
        }
        return best;
    }

    private static String describe(PackageMatch m) {
        return m.taskPackage().ref() + String.format(Locale.ROOT, " %.2f", m.confidence());
    }

    private static PackageMatch score(String verb, List<String> keywords, List<String> files, List<String> formats,
                                      TaskPackage p) {
        IntentVocabulary v = p.vocabulary();
        Set<String> verbStems = v.verbs().stream().map(Stems::of).collect(Collectors.toSet());
        Set<String> keywordStems = v.keywords().stream().map(Stems::of).collect(Collectors.toSet());
        double score = 0;
        List<String> reasons = new ArrayList<>();
        String verbStem = Stems.of(verb);
        if (!verb.isEmpty() && verbStems.contains(verbStem)) {
            score += VERB;
            reasons.add("verb '" + verb + "'");
        } else {
            for (String k : keywords) {
                if (verbStems.contains(Stems.of(k))) {
                    score += VERB_ELSEWHERE;
                    reasons.add("mentions '" + k + "'");
                    break;
                }
            }
        }
        for (String file : files) {
            int dot = file.lastIndexOf('.');
            String extension = dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
            if (v.extensions().contains(extension)) {
                score += EXTENSION;
                reasons.add("file ." + extension);
                break;
            }
        }
        for (String format : formats) {
            if (v.formats().contains(format)) {
                score += FORMAT;
                reasons.add("format " + format);
                break;
            }
        }
        double keywordScore = 0;
        for (String k : keywords) {
            String stem = Stems.of(k);
            if (keywordStems.contains(stem) && !stem.equals(verbStem) && keywordScore < KEYWORDS_MAX) {
                keywordScore += KEYWORD;
                reasons.add("keyword '" + k + "'");
            }
        }
        score += Math.min(KEYWORDS_MAX, keywordScore);
        return new PackageMatch(p, Math.min(1.0, Math.round(score * 100) / 100.0), reasons);
    }
}
