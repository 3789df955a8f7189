package io.concierge.api.pkg;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the words of a sentence fill one input of a task package, declared under
 * {@code intent.extract.<input>} in its {@code package.yaml}.
 *
 * <pre>{@code
 * intent:
 *   extract:
 *     source: {from: path}                         # a file or a folder, any extension
 *     format: {values: {tgz: tar.gz, zstd: zst}}   # words or phrases that mean a value
 *     level: {words: [level]}                      # "level 9": the number after a cue word
 * }</pre>
 *
 * @param from   where the value comes from: {@code auto} (by the input's type), {@code path} (a file
 *               or folder mentioned, quoted or not), {@code resolution} (720p, 1280x720, 4K),
 *               {@code text} (the sentence after its verb), {@code destination} (where the sentence
 *               sends the result: "to /mnt/backup/", "into ~/archive") or {@code none}
 * @param words  cue words the value follows ("quality 6", "level 9"), lower case
 * @param values words or phrases of the text (lower case) and the value each one means
 *
 * @since 0.1.0
 */
public record InputHint(String from, List<String> words, Map<String, String> values) {
    /** The sources {@link #from()} may name. */
    public static final List<String> SOURCES = List.of("auto", "path", "resolution", "text", "none", "destination");

    /**
     * Validates and copies.
     *
     * @param from where the value comes from (one of {@link #SOURCES})
     * @param words cue words the value follows, lower case
     * @param values words or phrases of the text and the value each one means
     */
    public InputHint {
        from = Objects.requireNonNullElse(from, "auto");
        words = List.copyOf(words);
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
