package io.concierge.core.intent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.intent.Intent;
import io.concierge.api.intent.Quantity;
import io.concierge.core.codec.Codecs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Distils a sentence into an {@link Intent}, offline and deterministically: the verb, the files,
 * quantities and formats it names, what success means and what constraints it states. The id is
 * the SHA-256 of the canonical content, so the same text always gives the same intent.
 */
public final class IntentSynthesizer {
    /** Longest intent text accepted, in characters. */
    public static final int MAX_TEXT_LENGTH = 4000;
    /** Bumped when synthesis changes, so old and new intents of one text do not collide. */
    static final int SYNTHESIS_VERSION = 2;

    private static final Pattern SENTENCE = Pattern.compile(".+?(?:[.!?;]+(?=\\s|$)|$)");
    private static final Pattern CONSTRAINT = Pattern.compile(
            "\\b(must|should|without|preserv\\w*|keep\\w*|never|no more than|at most|at least|don't|do not|only)\\b",
            Pattern.CASE_INSENSITIVE);

    private final Codecs codecs;

    /** Creates a synthesizer hashing with {@code codecs}. */
    public IntentSynthesizer(Codecs codecs) {
        this.codecs = codecs;
    }

    /** Checks and normalizes text: one line, single spaces, no control characters. */
    public static String normalize(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("intent text is empty; say what to do, e.g. --text \"Normalize episode.wav to -14 LUFS\"");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new InvalidInputException("intent text is " + text.length() + " characters; the limit is "
                    + MAX_TEXT_LENGTH + ": say what to do in a sentence or two");
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\uFFFD') {
                throw new InvalidInputException("intent text is not valid UTF-8 (replacement character at position "
                        + i + "); pass it as UTF-8 text");
            }
            if (c == '\t' || c == '\n' || c == '\r' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                out.append(' ');
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT && c != '\u200D') {
                throw new InvalidInputException(String.format(Locale.ROOT,
                        "intent text contains the control character U+%04X at position %d; remove it", (int) c, i));
            } else if (c == '\u2212') {
                out.append('-'); // the typographic minus of "−14 LUFS"; an en dash stays (file names have them)
            } else {
                out.append(c);
            }
        }
        return out.toString().strip().replaceAll(" {2,}", " ");
    }

    /** Synthesizes the intent of {@code text}, stamped {@code now}. */
    public Intent synthesize(String text, Instant now) {
        String normalized = normalize(text);
        TextScanner.Reading found = TextScanner.scan(normalized);
        List<String> keywords = TextScanner.keywords(found.words());
        List<String> constraints = constraints(normalized);
        List<String> criteria = successCriteria(found);
        String distilled = distill(found);
        ObjectNode content = content(normalized, distilled, found, keywords, criteria, constraints);
        return new Intent(codecs.hash(content), normalized, distilled, found.verb(), keywords, found.files(),
                found.quantities(), found.formats(), criteria, constraints, now);
    }

    /** The canonical content hashed into the id: everything but the time. */
    public ObjectNode content(Intent intent) {
        TextScanner.Reading found = new TextScanner.Reading(intent.text(), intent.files(), List.of(), List.of(),
                intent.quantities(), List.of(), intent.formats(), "", List.of(), List.of(), intent.verb());
        return content(intent.text(), intent.distilled(), found, intent.keywords(), intent.successCriteria(),
                intent.constraints());
    }

    private ObjectNode content(String text, String distilled, TextScanner.Reading found, List<String> keywords,
                               List<String> criteria, List<String> constraints) {
        ObjectNode node = codecs.object();
        node.put("synthesis_version", SYNTHESIS_VERSION);
        node.put("text", text);
        node.put("distilled", distilled);
        node.put("verb", found.verb());
        strings(node.putArray("keywords"), keywords);
        strings(node.putArray("files"), found.files());
        ArrayNode quantities = node.putArray("quantities");
        for (Quantity q : found.quantities()) {
            quantities.addObject().put("value", q.value()).put("unit", q.unit());
        }
        strings(node.putArray("formats"), found.formats());
        strings(node.putArray("success_criteria"), criteria);
        strings(node.putArray("constraints"), constraints);
        return node;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static String distill(TextScanner.Reading found) {
        List<String> parts = new ArrayList<>();
        parts.add(found.verb().isEmpty() ? "do" : found.verb());
        parts.addAll(found.files());
        if (!found.formats().isEmpty()) {
            parts.add("as " + String.join("/", found.formats()));
        }
        for (Quantity q : found.quantities()) {
            parts.add(q.toString());
        }
        return String.join(" ", parts);
    }

    private static List<String> successCriteria(TextScanner.Reading found) {
        List<String> criteria = new ArrayList<>();
        for (String file : found.files()) {
            criteria.add("the result of processing " + file + " is written to the job's artifacts");
        }
        for (String format : found.formats()) {
            criteria.add("the output is in " + format.toUpperCase(Locale.ROOT) + " format");
        }
        for (Quantity q : found.quantities()) {
            criteria.add("the output meets " + q);
        }
        if (criteria.isEmpty()) {
            criteria.add("the job completes and every step's outputs exist");
        }
        return criteria;
    }

    private static List<String> constraints(String text) {
        List<String> constraints = new ArrayList<>();
        Matcher sentence = SENTENCE.matcher(text);
        while (sentence.find()) {
            String s = sentence.group().strip().replaceAll("[.!?;]+$", "");
            if (!s.isEmpty() && CONSTRAINT.matcher(s).find()) {
                constraints.add(s);
            }
        }
        return constraints;
    }
}
