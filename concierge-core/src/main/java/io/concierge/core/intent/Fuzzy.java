package io.concierge.core.intent;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Typo tolerance for verbs and keywords: a word meets a vocabulary word when their stems are
 * equal, or when it is one edit away (two for words of eight letters or more), counting a swap
 * of neighbouring letters as one edit ("nromalize", "bakup", "cpy", "trnascode").
 *
 * <p>The guard against false matches: the word must not itself be a common English word or a
 * word of any vocabulary ("pack" is not a typo of "back"); it must start like its target (or with
 * the target's first two letters swapped); a word of three letters or fewer may only have two
 * letters swapped or one letter left out ("cpy", "zpi"), so that "tab" never becomes "tar".
 */
public final class Fuzzy {
    /** Common words that are never taken for typos of a vocabulary word. */
    private static final Set<String> COMMON = Set.copyOf(java.util.List.of("cope", "code", "coded", "coke", "cody", "copies", "paint",
            "point", "pint", "priest", "lever", "revel", "novel", "level", "bake", "bask", "pack", "hack", "lack",
            "rack", "sack", "tack", "back", "sing", "song", "says", "sax", "ship", "chip", "clip", "slip", "tip",
            "sip", "dip", "lip", "hip", "rip", "zap", "zig", "tap", "top", "tab", "tag", "car", "bar", "far", "jar",
            "war", "star", "scar", "tear", "near", "dear", "year", "gear", "hear", "bear", "wear", "each", "etch",
            "itch", "echoes", "chess", "chest", "check", "cheek", "deck", "neck", "peck", "heck", "valid", "value",
            "values", "vale", "date", "data", "state", "late", "rate", "mate", "gate", "encore", "decode", "node",
            "mode", "modes", "model", "nodes", "archive", "arcade", "archer", "transport", "translate", "transpose",
            "transact", "transfer", "transit", "encase", "encode", "normal", "normally", "formalize", "formalise",
            "moralize", "neutralize", "finalize", "sample", "simple", "smaller", "louder", "lower", "lowered",
            "loader", "leader", "reader", "header", "dump", "bump", "jump", "lump", "pump", "sump", "hump", "damp",
            "camp", "lamp", "ramp", "samp", "play", "pray", "clay", "copyright", "compost", "compose", "compare",
            "compete", "compile", "comprise", "impress", "express", "empress", "oppress", "depress", "repress",
            "bundle", "bungle", "candle", "handle", "riddle", "dice", "vice", "voice", "choice", "notice", "office",
            "report", "resort", "retort", "import", "export", "record", "recode", "verify", "versify", "very",
            "vary", "lint", "mint", "hint", "tint", "line", "list", "lost", "last", "fast", "vast", "past", "cast",
            "snap", "snaps", "shot", "shoot", "move", "more", "mover", "movie", "shrink", "shrank", "drink", "brink",
            "print", "sprint", "printer", "rotate", "resize", "reside", "resign", "design", "size", "sized"));

    private Fuzzy() {
    }

    /** The vocabulary word {@code word} is a typo of, if any; never one of {@code knownWords}. */
    public static Optional<String> typoOf(String word, Collection<String> vocabulary, Set<String> knownWords) {
        if (word.length() < 3 || word.length() > 30 || COMMON.contains(word) || knownWords.contains(word) || TextScanner.isStopWord(word)
                || !word.chars().allMatch(Character::isLetter)) {
            return Optional.empty();
        }
        String best = null;
        for (String target : vocabulary) {
            if (target.length() < 3 || target.equals(word) || !target.chars().allMatch(c -> Character.isLetter(c))) {
                continue;
            }
            int limit = Math.min(word.length(), target.length()) >= 8 ? 2 : 1;
            if (!sameStart(word, target)) {
                continue;
            }
            int distance = distance(word, target);
            if (distance > limit) {
                continue;
            }
            if (word.length() <= 3 && !(swapped(word, target) || target.length() == word.length() + 1)) {
                continue;
            }
            if (best == null || distance < distance(word, best)) {
                best = target;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean sameStart(String word, String target) {
        return word.charAt(0) == target.charAt(0)
                || word.length() > 1 && target.length() > 1 && word.charAt(0) == target.charAt(1) && word.charAt(1) == target.charAt(0);
    }

    private static boolean swapped(String word, String target) {
        if (word.length() != target.length()) {
            return false;
        }
        for (int i = 0; i + 1 < word.length(); i++) {
            if (word.charAt(i) != target.charAt(i)) {
                return word.charAt(i) == target.charAt(i + 1) && word.charAt(i + 1) == target.charAt(i)
                        && word.substring(i + 2).equals(target.substring(i + 2));
            }
        }
        return false;
    }

    /** Optimal-string-alignment distance: insertions, deletions, substitutions and neighbour swaps. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
