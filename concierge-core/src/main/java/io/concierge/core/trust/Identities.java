package io.concierge.core.trust;

import io.concierge.api.failure.InvalidInputException;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Approver and key names as identities: Unicode NFKC, case-folded, so that {@code ALICE},
 * {@code Alice} and a full-width {@code ａｌｉｃｅ} are one person when a quorum is counted.
 * Invisible characters (zero-width spaces, joiners, direction marks, variation selectors),
 * control characters and names mixing scripts (a Cyrillic {@code а} in a Latin name) are refused
 * rather than normalized away, because a name that looks like another is how a quorum is faked.
 */
public final class Identities {
    private static final int MAX_LENGTH = 64;

    private Identities() {
    }

    /**
     * The normalized identity of {@code name}; fails saying what is wrong with it.
     *
     * @throws InvalidInputException when the name is empty, too long, holds invisible or control
     *     characters, mixes scripts or uses characters other than letters, digits, {@code . _ - @ +}
     *     and single inner spaces
     */
    public static String normalize(String name) {
        String raw = name == null ? "" : name.strip();
        if (raw.isEmpty()) {
            throw new InvalidInputException("approver is empty; name one with --by NAME");
        }
        raw.codePoints().forEach(cp -> {
            if (invisible(cp)) {
                throw new InvalidInputException("name '" + printable(raw) + "' contains the invisible or control character U+"
                        + String.format(Locale.ROOT, "%04X", cp) + "; type the name plainly");
            }
        });
        String folded = Normalizer.normalize(Normalizer.normalize(raw, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT),
                Normalizer.Form.NFKC);
        if (folded.length() > MAX_LENGTH) {
            throw new InvalidInputException("name '" + printable(raw) + "' is longer than " + MAX_LENGTH + " characters");
        }
        Set<Character.UnicodeScript> scripts = new HashSet<>();
        boolean[] space = {false};
        folded.codePoints().forEach(cp -> {
            boolean ok = Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK
                    || "._-@+ ".indexOf(cp) >= 0;
            if (!ok) {
                throw new InvalidInputException("name '" + printable(raw) + "' may hold letters, digits, '.', '_', '-', '@', '+'"
                        + " and single spaces only");
            }
            if (cp == ' ' && space[0]) {
                throw new InvalidInputException("name '" + printable(raw) + "' has two spaces in a row");
            }
            space[0] = cp == ' ';
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script != Character.UnicodeScript.COMMON && script != Character.UnicodeScript.INHERITED) {
                scripts.add(script);
            }
        });
        if (scripts.size() > 1) {
            throw new InvalidInputException("name '" + printable(raw) + "' mixes scripts " + scripts
                    + " (a look-alike of another name); use one script");
        }
        if (folded.startsWith(".") || folded.startsWith("-")) {
            throw new InvalidInputException("name '" + printable(raw) + "' may not start with '.' or '-'");
        }
        return folded;
    }

    /** Whether {@code name} is already a normalized identity (what signed records must carry). */
    public static boolean isNormalized(String name) {
        try {
            return normalize(name).equals(name);
        } catch (InvalidInputException e) {
            return false;
        }
    }

    private static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE || type == Character.SURROGATE || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                // default-ignorable code points Unicode classes as letters or marks
                || cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x17B4
                || cp == 0x17B5 || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)
                || (Character.isWhitespace(cp) && cp != ' ') || cp == 0x00A0 || cp == 0x2007 || cp == 0x202F;
    }

    /** The name with anything invisible shown as an escape, for messages. */
    private static String printable(String raw) {
        StringBuilder out = new StringBuilder();
        raw.codePoints().limit(80).forEach(cp -> {
            if (invisible(cp)) {
                out.append(String.format(Locale.ROOT, "\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
