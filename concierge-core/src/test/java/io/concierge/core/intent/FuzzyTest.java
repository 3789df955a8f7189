package io.concierge.core.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Typos meet their verbs; short, common and known words do not. */
class FuzzyTest {
    private static final List<String> VERBS = List.of("normalize", "backup", "copy", "validate", "transcode", "tar",
            "zip", "echo", "encode", "archive", "back", "pack");

    @ParameterizedTest
    @CsvSource({"nromalize,normalize", "bakup,backup", "cpy,copy", "vaildate,validate", "trnascode,transcode",
        "zpi,zip", "ehco,echo", "ecnode,encode", "archvie,archive", "normalzie,normalize", "backpu,backup"})
    void typosMeetTheirVerb(String typo, String verb) {
        assertThat(Fuzzy.typoOf(typo, VERBS, Set.of())).contains(verb);
    }

    @ParameterizedTest
    @CsvSource({"tab", "car", "cope", "code", "pack", "back", "the", "to", "xylophone", "ab", "z1p"})
    void otherWordsAreNotTypos(String word) {
        assertThat(Fuzzy.typoOf(word, VERBS, Set.of("pack", "back"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"abc,abc,0", "ab,ba,1", "kitten,sitting,3", "nromalize,normalize,1", "ca,abc,3"})
    void distanceCountsASwapAsOneEdit(String a, String b, int distance) {
        assertThat(Fuzzy.distance(a, b)).isEqualTo(distance);
    }
}
