package io.concierge.core.intent;

import io.concierge.api.intent.Quantity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what intent text mentions: file names, paths and folders (quoted or not, in any script),
 * numbers with units, frame sizes, formats, a destination, and the remaining plain words. Pure
 * and deterministic: the same text always gives the same {@link Reading}.
 *
 * <p>Order matters: quoted spans first (they may hold spaces and dashes), then e-mail addresses
 * and URLs (which are not files), frame sizes, quantities, path tokens, and last the words; each
 * finding masks its characters so that later passes do not read them twice.
 *
 * <p>Longer than a screen on purpose: the passes share one masked copy of the text and must run
 * in this order (quotes before paths before words), which is easier to check in one place than
 * spread over classes that would each need the mask.
 */
public final class TextScanner {

    /** Format words recognised on their own ("to MP4 format"), with the aliases people use. */
    static final Map<String, String> FORMATS = Map.ofEntries(
            Map.entry("mp3", "mp3"), Map.entry("mp4", "mp4"), Map.entry("wav", "wav"), Map.entry("flac", "flac"),
            Map.entry("ogg", "ogg"), Map.entry("vorbis", "ogg"), Map.entry("opus", "opus"), Map.entry("aac", "aac"),
            Map.entry("m4a", "m4a"), Map.entry("webm", "webm"), Map.entry("mkv", "mkv"), Map.entry("mov", "mov"),
            Map.entry("avi", "avi"), Map.entry("h264", "h264"), Map.entry("h265", "h265"), Map.entry("hevc", "hevc"),
            Map.entry("vp9", "vp9"), Map.entry("av1", "av1"), Map.entry("json", "json"), Map.entry("jsonl", "jsonl"),
            Map.entry("csv", "csv"), Map.entry("yaml", "yaml"), Map.entry("xml", "xml"), Map.entry("zip", "zip"),
            Map.entry("gzip", "gz"), Map.entry("gz", "gz"), Map.entry("tgz", "tar.gz"), Map.entry("tarball", "tar.gz"),
            Map.entry("tar", "tar"), Map.entry("zst", "zst"), Map.entry("zstd", "zst"), Map.entry("zstandard", "zst"),
            Map.entry("sqlite", "sqlite"), Map.entry("pdf", "pdf"), Map.entry("png", "png"), Map.entry("jpg", "jpg"),
            Map.entry("jpeg", "jpg"), Map.entry("gif", "gif"), Map.entry("txt", "txt"));

    private static final Pattern COMPOUND_FORMAT = Pattern.compile(
            "(?i)(?<![\\p{L}\\p{N}_/.-])\\.?(tar\\.(?:gz|zst|bz2|xz))(?![\\p{L}\\p{N}_/-])");
    private static final Pattern DOT_FORMAT = Pattern.compile("(?i)(?<![\\p{L}\\p{N}_./-])\\.(gz|zip|zst|tgz|mp3|mp4|webm|flac|ogg)(?![\\p{L}\\p{N}_/-])");
    private static final Pattern QUOTED = Pattern.compile(
            "\"([^\"]{1,400})\"|(?<![\\p{L}\\p{N}])'([^']{1,400})'(?![\\p{L}\\p{N}])|`([^`]{1,400})`"
                    + "|\u201C([^\u201D\u201C]{1,400})[\u201D\u201C]|\u2018([^\u2019]{1,400})\u2019|\u00AB\\s?([^\u00BB]{1,400}?)\\s?\u00BB"
                    + "|\u201E([^\u201C\u201D]{1,400})[\u201C\u201D]|\u201A([^\u2018\u2019]{1,400})[\u2018\u2019]|\u300C([^\u300D]{1,400})\u300D");
    private static final Pattern EMAIL_OR_URL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+|\\b[a-z][a-z0-9+.-]*://\\S+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RESOLUTION = Pattern.compile(
            "(?i)(?<![\\p{L}\\p{N}.])(?:(\\d{3,5})\\s?[x\u00D7]\\s?(\\d{3,5})|(\\d{3,4})p|([248])k(?!\\s?b)|(full\\s?hd|uhd))(?![\\p{L}\\p{N}])");
    private static final Pattern QUANTITY = Pattern.compile(
            "(?<![\\w.])(?:(minus|negative)\\s+)?([-+\u2013]?\\d+(?:\\.\\d+)?)\\s?(" + Units.alternation()
                    + ")(?![\\w/]|\\.\\p{L})", Pattern.CASE_INSENSITIVE);
    private static final Pattern TOKEN = Pattern.compile("\\S+");
    private static final Pattern FILE_NAME = Pattern.compile("[^/]*[\\p{L}\\p{N}_)\\]-]\\.([\\p{L}][\\p{L}\\p{N}]{0,7})");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_'-]*");
    private static final Set<String> NOT_PATHS = Set.of("and/or", "either/or", "w/o", "w/", "km/h", "n/a", "24/7");
    private static final Set<String> ABBREVIATIONS = Set.of("e.g", "i.e", "etc", "vs", "mr", "mrs", "dr", "a.m", "p.m");
    static final Set<String> FOLDER_WORDS = Set.of("folder", "folders", "directory", "directories", "dir");
    private static final Set<String> DESTINATION_WORDS = Set.of("to", "into", "onto", "in", "under");
    private static final Set<String> BACK_REFERENCES = Set.of("it", "them", "this", "that", "result", "results",
            "output", "outputs");
    private static final Set<String> ARTICLES = Set.of("the", "a", "an", "my", "our", "your", "their", "his", "her");

    static final Set<String> STOP_WORDS = Set.copyOf(List.of("a", "an", "the", "to", "of", "and", "or", "in", "on",
            "at", "for", "with", "by", "from", "into", "as", "is", "be", "it", "its", "this", "that", "these",
            "those", "my", "our", "your", "their", "me", "us", "i", "we", "you", "please", "must", "should",
            "can", "could", "would", "will", "all", "each", "every", "some", "any", "then", "so", "file", "size",
            "format", "up", "out", "it's", "there", "here", "for", "do", "does", "did", "get", "got", "have", "has",
            "how", "what", "which", "whether", "am", "are", "was", "were", "been", "need", "needs", "want", "like",
            "just", "now", "also", "too", "very", "let", "let's", "lets", "me", "them", "one", "using", "use", "via",
            "over", "about", "after", "before", "first", "yesterday", "today", "tomorrow", "thanks", "hey"));
    private static final Set<String> LEAD_INS = Set.copyOf(List.of("please", "kindly", "can", "could", "would", "will",
            "you", "i", "we", "want", "need", "like", "to", "let's", "lets", "go", "ahead", "and", "just", "d",
            "i'd", "we'd", "now", "first", "then", "so", "hey", "ok", "okay", "how", "do", "what", "is", "does"));

    private TextScanner() {
    }

    /**
     * What one sentence mentions.
     *
     * @param text        the text read
     * @param files       files, paths and folders, in order of appearance, without duplicates
     * @param folders     those of {@code files} that read as folders ("the reports folder", {@code logs/})
     * @param quoted      quoted spans that are not files ("archive 'My Documents'")
     * @param quantities  numbers with units
     * @param resolutions frame sizes, canonical ({@code 720p}, {@code 1280x720})
     * @param formats     formats, canonical ({@code tar.gz} for "tgz"), in order, without duplicates
     * @param destination a path the text sends the result to ("copy x to /mnt/backup/"), or empty
     * @param others      e-mail addresses and URLs: things that are neither files nor words
     * @param words       every remaining word, lower case, in order (stop words included)
     * @param verb        the first word that is not a lead-in ("please", "could you"), or empty
     */
    public record Reading(String text, List<String> files, List<String> folders, List<String> quoted,
                          List<Quantity> quantities, List<String> resolutions, List<String> formats,
                          String destination, List<String> others, List<String> words, String verb) {
        /** Copies the lists. */
        public Reading {
            files = List.copyOf(files);
            folders = List.copyOf(folders);
            quoted = List.copyOf(quoted);
            quantities = List.copyOf(quantities);
            resolutions = List.copyOf(resolutions);
            formats = List.copyOf(formats);
            others = List.copyOf(others);
            words = List.copyOf(words);
        }
    }

    /** Reads normalized text. */
    public static Reading scan(String text) {
        StringBuilder masked = new StringBuilder(text);
        List<Span> paths = new ArrayList<>();
        List<Span> quotedSpans = new ArrayList<>();
        Set<String> formats = new LinkedHashSet<>();

        Matcher quoted = QUOTED.matcher(text);
        while (quoted.find()) {
            String inner = firstNonNull(quoted).strip();
            if (inner.isEmpty()) {
                continue;
            }
            if (looksLikePath(inner, true)) {
                paths.add(new Span(inner, quoted.start(), quoted.end(), inner.endsWith("/")));
            } else {
                quotedSpans.add(new Span(inner, quoted.start(), quoted.end(), false));
            }
            mask(masked, quoted.start(), quoted.end());
        }

        List<String> others = new ArrayList<>();
        Matcher other = EMAIL_OR_URL.matcher(masked);
        while (other.find()) {
            others.add(other.group());
            mask(masked, other.start(), other.end());
        }

        Matcher compound = COMPOUND_FORMAT.matcher(masked);
        while (compound.find()) {
            formats.add(compound.group(1).toLowerCase(Locale.ROOT));
            mask(masked, compound.start(), compound.end());
        }
        Matcher dotFormat = DOT_FORMAT.matcher(masked);
        while (dotFormat.find()) {
            formats.add(FORMATS.get(dotFormat.group(1).toLowerCase(Locale.ROOT)));
            mask(masked, dotFormat.start(), dotFormat.end());
        }

        List<String> resolutions = new ArrayList<>();
        Matcher resolution = RESOLUTION.matcher(masked);
        while (resolution.find()) {
            resolutions.add(resolution(resolution));
            mask(masked, resolution.start(), resolution.end());
        }

        List<Quantity> quantities = new ArrayList<>();
        Matcher quantity = QUANTITY.matcher(masked);
        while (quantity.find()) {
            String number = quantity.group(2).replace('\u2013', '-');
            double value = Double.parseDouble(number);
            if (quantity.group(1) != null) {
                value = -Math.abs(value); // "minus 16 LUFS"
            }
            double v = value;
            Units.find(quantity.group(3)).ifPresent(unit -> quantities.add(new Quantity(v, unit.symbol())));
            mask(masked, quantity.start(), quantity.end());
        }

        Matcher token = TOKEN.matcher(masked);
        while (token.find()) {
            int start = token.start();
            int end = token.end();
            while (start < end && "([{<,;:".indexOf(masked.charAt(start)) >= 0) {
                start++;
            }
            while (end > start && ".,;:!?)]}>".indexOf(masked.charAt(end - 1)) >= 0
                    && !(masked.charAt(end - 1) == '.' && end - start <= 2)) {
                end--;
            }
            String candidate = masked.substring(start, end);
            if (looksLikePath(candidate, false)) {
                paths.add(new Span(candidate, start, end, candidate.endsWith("/") || !FILE_NAME.matcher(lastSegment(candidate)).matches()));
                mask(masked, start, end);
            }
        }

        List<Word> words = new ArrayList<>();
        Matcher word = WORD.matcher(masked);
        while (word.find()) {
            String w = word.group().toLowerCase(Locale.ROOT).replaceAll("['-]+$", "");
            if (!w.isEmpty()) {
                words.add(new Word(w, word.start(), word.end()));
                String format = FORMATS.get(w);
                if (format != null && !w.equals("tar")) {
                    formats.add(format);
                }
            }
        }

        // Folders named by a folder word next to them: "the reports folder", "folder 'raw data'".
        List<Span> folderSpans = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if (!FOLDER_WORDS.contains(words.get(i).text())) {
                continue;
            }
            Span named = folderName(text, masked, words, i, paths, quotedSpans);
            if (named != null) {
                folderSpans.add(named);
            }
        }
        List<Span> all = new ArrayList<>(paths);
        for (Span s : folderSpans) {
            if (all.stream().noneMatch(p -> p.start() == s.start())) {
                all.add(s);
            }
        }
        all.sort((a, b) -> Integer.compare(a.start(), b.start()));

        String destination = "";
        Set<String> files = new LinkedHashSet<>();
        Set<String> folders = new LinkedHashSet<>();
        for (Span s : all) {
            String preposition = destinationWord(text, s.start());
            boolean namedFolder = folderSpans.stream().anyMatch(f -> f.start() == s.start());
            boolean place = s.text().contains("/") || s.text().startsWith("~") || namedFolder;
            boolean objectBefore = !files.isEmpty() || refersBack(text.substring(0, s.start()));
            if (destination.isEmpty() && objectBefore && place && DESTINATION_WORDS.contains(preposition)) {
                // "copy report.csv to /mnt/backup/": where it goes, not what to use. "into ~/archive"
                // and "to the backup folder" name a folder the file goes into under its own name.
                boolean folder = s.text().endsWith("/") || namedFolder
                        || !preposition.equals("to") && !FILE_NAME.matcher(lastSegment(s.text())).matches();
                destination = folder && !s.text().endsWith("/") ? s.text() + "/" : s.text();
                continue;
            }
            files.add(s.text());
            if (s.folder()) {
                folders.add(s.text());
            }
        }
        List<String> quotedTexts = quotedSpans.stream().map(Span::text).filter(q -> !files.contains(q)).toList();
        // Words of a folder name are findings, not words to match ("the logs folder").
        List<String> wordTexts = new ArrayList<>();
        for (Word w : words) {
            boolean inFolder = folderSpans.stream().anyMatch(s -> w.start() >= s.start() && w.end() <= s.end());
            if (!inFolder) {
                wordTexts.add(w.text());
            }
        }
        return new Reading(text, List.copyOf(files), List.copyOf(folders), quotedTexts, quantities, resolutions,
                List.copyOf(formats), destination, others, wordTexts, verb(wordTexts));
    }

    /** Significant words: lower case, no stop words, no duplicates, in order. */
    public static List<String> keywords(List<String> words) {
        Set<String> keywords = new LinkedHashSet<>();
        for (String w : words) {
            if (!STOP_WORDS.contains(w) && w.length() > 1 && !w.chars().allMatch(Character::isDigit)) {
                keywords.add(w);
            }
        }
        return List.copyOf(keywords);
    }

    /** The canonical format a single word names ("tgz" is tar.gz), if it names one. */
    public static java.util.Optional<String> formatOf(String word) {
        return java.util.Optional.ofNullable(FORMATS.get(word.toLowerCase(Locale.ROOT)));
    }

    /** Whether {@code word} is a stop word: never a keyword, never evidence. */
    public static boolean isStopWord(String word) {
        return STOP_WORDS.contains(word);
    }

    /** Whether {@code word} only introduces a request ("please", "could", "you"). */
    public static boolean isLeadIn(String word) {
        return LEAD_INS.contains(word);
    }

    private record Span(String text, int start, int end, boolean folder) {
    }

    private record Word(String text, int start, int end) {
    }

    private static Span folderName(String text, CharSequence masked, List<Word> words, int at,
                                   List<Span> paths, List<Span> quotedSpans) {
        Word folderWord = words.get(at);
        // "folder X" first ("zip the folder reports"), then "the X folder".
        int after = folderWord.end();
        Span next = nearest(paths, quotedSpans, after, true, masked);
        if (next != null) {
            return new Span(next.text(), next.start(), next.end(), true);
        }
        if (at + 1 < words.size()) {
            Word candidate = words.get(at + 1);
            if (onlySpaceBetween(masked, after, candidate.start()) && isNameWord(candidate.text())) {
                int end = text.indexOf(' ', candidate.start());
                String name = text.substring(candidate.start(), end < 0 ? text.length() : end).replaceAll("[.,;:!?)]+$", "");
                return new Span(name, candidate.start(), candidate.start() + name.length(), true);
            }
        }
        Span previous = nearest(paths, quotedSpans, folderWord.start(), false, masked);
        if (previous != null) {
            return new Span(previous.text(), previous.start(), previous.end(), true);
        }
        if (at > 0) {
            Word candidate = words.get(at - 1);
            if (onlySpaceBetween(masked, candidate.end(), folderWord.start()) && isNameWord(candidate.text())) {
                String name = text.substring(candidate.start(), candidate.end());
                return new Span(name, candidate.start(), candidate.end(), true);
            }
        }
        return null;
    }

    private static Span nearest(List<Span> paths, List<Span> quotedSpans, int at, boolean forward, CharSequence masked) {
        List<Span> spans = new ArrayList<>(paths);
        spans.addAll(quotedSpans);
        for (Span s : spans) {
            if (forward ? s.start() >= at && onlySpaceBetween(masked, at, s.start())
                    : s.end() <= at && onlySpaceBetween(masked, s.end(), at)) {
                return s;
            }
        }
        return null;
    }

    private static boolean onlySpaceBetween(CharSequence masked, int from, int to) {
        if (from > to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(masked.charAt(i))) {
                return false;
            }
        }
        return to - from <= 3 || masked.subSequence(from, to).toString().isBlank() && to - from < 40;
    }

    private static boolean isNameWord(String w) {
        return !STOP_WORDS.contains(w) && !FOLDER_WORDS.contains(w) && !FORMATS.containsKey(w)
                && !Set.of("whole", "entire", "named", "called", "new", "old", "same", "current", "it").contains(w);
    }

    /** Whether {@code before} names its object by a pronoun ("copy it to /mnt/backup/", a later step of a chain). */
    private static boolean refersBack(String before) {
        Matcher word = WORD.matcher(before);
        while (word.find()) {
            if (BACK_REFERENCES.contains(word.group().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** The word before {@code start}, looking past an article or possessive ("into the backup folder"). */
    private static String destinationWord(String text, int start) {
        String before = text.substring(0, start).strip();
        while (true) {
            int space = before.lastIndexOf(' ');
            String word = before.substring(space + 1).toLowerCase(Locale.ROOT);
            if (!ARTICLES.contains(word) || space < 0) {
                return word;
            }
            before = before.substring(0, space).strip();
        }
    }

    private static String resolution(Matcher m) {
        if (m.group(1) != null) {
            return m.group(1) + "x" + m.group(2);
        }
        if (m.group(3) != null) {
            return m.group(3) + "p";
        }
        if (m.group(4) != null) {
            return switch (m.group(4)) {
                case "2" -> "2560x1440";
                case "8" -> "7680x4320";
                default -> "3840x2160";
            };
        }
        return m.group(5).toLowerCase(Locale.ROOT).startsWith("uhd") ? "3840x2160" : "1080p";
    }

    private static boolean looksLikePath(String token, boolean quoted) {
        if (token.isEmpty() || token.contains("://") || token.contains("@") && token.matches(".*@.*\\..*")) {
            return false;
        }
        String lower = token.toLowerCase(Locale.ROOT);
        if (NOT_PATHS.contains(lower)) {
            return false;
        }
        boolean hasLetterOrDigit = token.codePoints().anyMatch(Character::isLetterOrDigit);
        if (!hasLetterOrDigit) {
            return false;
        }
        if (!quoted && (token.startsWith("/") || token.startsWith("~/") || token.startsWith("./") || token.startsWith("../"))) {
            return true;
        }
        if (token.contains("/")) {
            if (quoted) {
                return true;
            }
            // "données/2025", "notes/", "src/main": paths; "1/2" is a fraction.
            return !token.matches("[\\d/.,-]+") && !token.matches("\\p{L}{1,3}/\\p{L}{1,3}");
        }
        String last = lastSegment(token);
        Matcher name = FILE_NAME.matcher(last);
        if (!name.matches()) {
            return false;
        }
        int dot = last.lastIndexOf('.');
        String stem = last.substring(0, dot);
        String extension = name.group(1).toLowerCase(Locale.ROOT);
        if (ABBREVIATIONS.contains(lower) || ABBREVIATIONS.contains(stem.toLowerCase(Locale.ROOT))) {
            return false;
        }
        if (stem.matches("[vV]?\\d+(\\.\\d+)*") && !FORMATS.containsKey(extension)) {
            return false; // a version number, "v1.2"
        }
        // "e.g", "i.e" and sentence ends are not files; a real stem with a real extension is.
        return quoted || stem.codePoints().anyMatch(Character::isLetterOrDigit)
                && (extension.length() >= 2 || FORMATS.containsKey(extension));
    }

    private static String lastSegment(String token) {
        String t = token.endsWith("/") ? token.substring(0, token.length() - 1) : token;
        return t.substring(t.lastIndexOf('/') + 1);
    }

    private static String verb(List<String> words) {
        for (String w : words) {
            if (w.length() > 1 && !LEAD_INS.contains(w)) {
                return w;
            }
        }
        return "";
    }

    private static void mask(StringBuilder text, int start, int end) {
        for (int i = start; i < end; i++) {
            text.setCharAt(i, ' ');
        }
    }

    private static String firstNonNull(Matcher m) {
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null) {
                return m.group(g);
            }
        }
        return "";
    }
}
