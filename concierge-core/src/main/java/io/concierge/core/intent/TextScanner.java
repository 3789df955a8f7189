package io.concierge.core.intent;

import io.concierge.api.intent.Quantity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what intent text mentions: file names and paths, numbers with units, format words and
 * plain words. Pure and deterministic: the same text always gives the same findings.
 */
public final class TextScanner {

    /** Format words recognised on their own ("to MP4 format"). */
    static final Set<String> FORMATS = Set.of("mp3", "mp4", "wav", "flac", "ogg", "opus", "aac", "m4a", "webm",
            "mkv", "mov", "avi", "h264", "h265", "hevc", "vp9", "av1", "json", "csv", "yaml", "xml", "zip", "gzip",
            "gz", "tar", "zst", "zstd", "sqlite", "pdf", "png", "jpg", "jpeg", "gif", "txt");

    /** Two-part format names that would otherwise read as a file name ("as tar.gz"). */
    private static final Pattern COMPOUND_FORMAT = Pattern.compile("(?i)(?<![\\w./-])(tar\\.(?:gz|zst|bz2|xz))(?![\\w/-])");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]{1,400})\"|'([^']{1,400})'|`([^`]{1,400})`");
    private static final Pattern FILE_TOKEN = Pattern.compile(
            "(?:~|\\.{1,2})?/?(?:[\\w@+~=-][\\w.@+~=-]*/)*[\\w@+~=-][\\w.@+~=-]*\\.([A-Za-z][A-Za-z0-9]{0,7})");
    private static final Pattern QUANTITY = Pattern.compile(
            "(?<![\\w.])([-+]?\\d+(?:\\.\\d+)?)\\s?(" + Units.alternation() + ")(?![\\w/])", Pattern.CASE_INSENSITIVE);
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{N}'-]*");
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "to", "of", "and", "or", "in", "on",
            "at", "for", "with", "by", "from", "into", "as", "is", "be", "it", "its", "this", "that", "these",
            "those", "my", "our", "your", "their", "me", "us", "i", "we", "you", "please", "must", "should",
            "can", "could", "would", "will", "all", "each", "every", "some", "any", "then", "so", "file", "size",
            "format");
    private static final Set<String> LEAD_INS = Set.of("please", "kindly", "can", "could", "would", "will",
            "you", "i", "we", "want", "need", "like", "to", "let's", "lets", "go", "ahead", "and", "just", "d",
            "i'd", "we'd", "now");

    private TextScanner() {
    }

    /** What the scan found. */
    public record Findings(List<String> files, List<Quantity> quantities, List<String> formats,
                           List<String> words, String verb) {
    }

    /** Scans normalized text. */
    public static Findings scan(String text) {
        List<String> files = new ArrayList<>();
        StringBuilder masked = new StringBuilder(text);
        Set<String> formats = new LinkedHashSet<>();
        Matcher compound = COMPOUND_FORMAT.matcher(text);
        while (compound.find()) {
            formats.add(compound.group(1).toLowerCase(Locale.ROOT));
            mask(masked, compound.start(), compound.end());
        }

        Matcher quoted = QUOTED.matcher(text);
        while (quoted.find()) {
            String inner = firstNonNull(quoted.group(1), quoted.group(2), quoted.group(3)).strip();
            Matcher f = FILE_TOKEN.matcher(inner);
            if (f.matches() || (inner.contains(".") && looksLikeFile(inner))) {
                files.add(inner);
                mask(masked, quoted.start(), quoted.end());
            }
        }
        Matcher file = FILE_TOKEN.matcher(masked);
        while (file.find()) {
            String token = file.group();
            if (isBounded(masked, file.start(), file.end()) && looksLikeFile(token)) {
                files.add(token);
                mask(masked, file.start(), file.end());
            }
        }

        List<Quantity> quantities = new ArrayList<>();
        Matcher quantity = QUANTITY.matcher(masked);
        while (quantity.find()) {
            Units.find(quantity.group(2)).ifPresent(unit -> quantities.add(
                    new Quantity(Double.parseDouble(quantity.group(1)), unit.symbol())));
            mask(masked, quantity.start(), quantity.end());
        }

        List<String> words = new ArrayList<>();
        Matcher word = WORD.matcher(masked);
        while (word.find()) {
            String w = word.group().toLowerCase(Locale.ROOT).replaceAll("['-]+$", "");
            if (FORMATS.contains(w)) {
                formats.add(w);
            }
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return new Findings(List.copyOf(new LinkedHashSet<>(files)), quantities, List.copyOf(formats),
                words, verb(words));
    }

    /** Significant words: lower case, no stop words, no duplicates, in order. */
    public static List<String> keywords(List<String> words) {
        Set<String> keywords = new LinkedHashSet<>();
        for (String w : words) {
            if (!STOP_WORDS.contains(w) && w.length() > 1) {
                keywords.add(w);
            }
        }
        return List.copyOf(keywords);
    }

    private static String verb(List<String> words) {
        for (String w : words) {
            if (w.length() > 1 && !LEAD_INS.contains(w)) {
                return w;
            }
        }
        return "";
    }

    private static boolean looksLikeFile(String token) {
        if (token.contains("://")) {
            return false;
        }
        int dot = token.lastIndexOf('.');
        String extension = token.substring(dot + 1);
        String stem = token.substring(token.lastIndexOf('/') + 1, dot);
        // "e.g", "i.e" and version numbers are not files; a path or a real stem and extension is.
        return token.contains("/") || (stem.length() >= 2 && extension.length() >= 2) || stem.length() >= 1 && FORMATS.contains(extension.toLowerCase(Locale.ROOT));
    }

    private static boolean isBounded(CharSequence text, int start, int end) {
        boolean before = start == 0 || Character.isWhitespace(text.charAt(start - 1)) || "([{,;:".indexOf(text.charAt(start - 1)) >= 0;
        boolean after = end == text.length() || Character.isWhitespace(text.charAt(end)) || ".,;:!?)]}".indexOf(text.charAt(end)) >= 0;
        return before && after;
    }

    private static void mask(StringBuilder text, int start, int end) {
        for (int i = start; i < end; i++) {
            text.setCharAt(i, ' ');
        }
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return "";
    }
}
