package io.concierge.core.intent;

import java.util.Locale;

/**
 * A deliberately small English stemmer, enough to make "normalized", "normalizes" and
 * "normalizing" meet "normalize" (and "copies" meet "copy"). Both sides of every comparison are
 * stemmed the same way, so the stems need not be words.
 */
public final class Stems {
    private Stems() {
    }

    /** The stem of {@code word}. */
    public static String of(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.length() <= 3) {
            return w;
        }
        w = strip(w, "ing");
        w = strip(w, "ed");
        w = strip(w, "es");
        w = strip(w, "s");
        w = strip(w, "e");
        if (w.endsWith("y") && w.length() > 3) {
            w = w.substring(0, w.length() - 1) + "i";
        }
        return w;
    }

    private static String strip(String w, String suffix) {
        return w.length() > suffix.length() + 2 && w.endsWith(suffix) ? w.substring(0, w.length() - suffix.length()) : w;
    }
}
