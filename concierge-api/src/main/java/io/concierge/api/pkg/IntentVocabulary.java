package io.concierge.api.pkg;

import java.util.List;

/**
 * The words that tie sentences to a task package.
 *
 * @param verbs      action words in base form ({@code normalize})
 * @param keywords   other words that point to it ({@code podcast}, {@code loudness})
 * @param extensions file extensions that point to it ({@code wav})
 * @param formats    format words that point to it ({@code mp3})
 */
public record IntentVocabulary(List<String> verbs, List<String> keywords, List<String> extensions,
                               List<String> formats) {
    /**
     * Copies the lists.
     *
     * @param verbs action words in base form ({@code normalize})
     * @param keywords other words that point to it ({@code podcast}, {@code loudness})
     * @param extensions file extensions that point to it ({@code wav})
     * @param formats format words that point to it ({@code mp3})
     */
    public IntentVocabulary {
        verbs = List.copyOf(verbs);
        keywords = List.copyOf(keywords);
        extensions = List.copyOf(extensions);
        formats = List.copyOf(formats);
    }
}
