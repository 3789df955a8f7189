package io.concierge.api.pkg;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words that tie sentences to a task package, read from the {@code intent:} section of its
 * {@code package.yaml}. Verbs and keywords also match misspelt ("nromalize") and inflected
 * ("normalized") forms, so a custom package gets typo tolerance without listing typos.
 *
 * <pre>{@code
 * intent:
 *   verbs: [normalize, level]
 *   phrases: ["make louder", "even out"]   # several words, in order, a few others allowed between
 *   vague_verbs: [convert]                 # say too little alone: "convert x.wav" asks "to what?"
 *   excludes: [image, photo]               # words that rule the package out
 *   keywords: [loudness, podcast]
 *   extensions: [wav]
 *   formats: [mp3]
 *   extract: {...}                         # see InputHint
 * }</pre>
 *
 * @param verbs      action words in base form ({@code normalize})
 * @param keywords   other words that point to it ({@code podcast}, {@code loudness})
 * @param extensions file extensions that point to it ({@code wav})
 * @param formats    format words that point to it ({@code mp3})
 * @param phrases    multi-word synonyms of its verbs ({@code make louder}), lower case
 * @param vagueVerbs verbs that need a stated target (a format or a value) before they choose it
 * @param excludes   words whose presence rules it out ({@code image} for a video package)
 * @param extract    per input name, how the text fills it
 *
 * @since 0.1.0
 */
public record IntentVocabulary(List<String> verbs, List<String> keywords, List<String> extensions,
                               List<String> formats, List<String> phrases, List<String> vagueVerbs,
                               List<String> excludes, Map<String, InputHint> extract) {
    /**
     * Copies the lists.
     *
     * @param verbs action words in base form ({@code normalize})
     * @param keywords other words that point to it ({@code podcast}, {@code loudness})
     * @param extensions file extensions that point to it ({@code wav})
     * @param formats format words that point to it ({@code mp3})
     * @param phrases multi-word synonyms of its verbs, lower case
     * @param vagueVerbs verbs that need a stated target before they choose it
     * @param excludes words whose presence rules it out
     * @param extract per input name, how the text fills it
     */
    public IntentVocabulary {
        verbs = List.copyOf(verbs);
        keywords = List.copyOf(keywords);
        extensions = List.copyOf(extensions);
        formats = List.copyOf(formats);
        phrases = List.copyOf(phrases);
        vagueVerbs = List.copyOf(vagueVerbs);
        excludes = List.copyOf(excludes);
        extract = Collections.unmodifiableMap(new LinkedHashMap<>(extract));
    }

    /**
     * A vocabulary of verbs, keywords, extensions and formats only.
     *
     * @param verbs action words in base form
     * @param keywords other words that point to it
     * @param extensions file extensions that point to it
     * @param formats format words that point to it
     */
    public IntentVocabulary(List<String> verbs, List<String> keywords, List<String> extensions, List<String> formats) {
        this(verbs, keywords, extensions, formats, List.of(), List.of(), List.of(), Map.of());
    }
}
