package io.concierge.core.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.failure.AmbiguousIntentException;
import io.concierge.api.failure.CompoundIntentException;
import io.concierge.api.failure.NoMatchingPackageException;
import io.concierge.api.pkg.PackageMatch;
import io.concierge.api.pkg.TaskPackage;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The matcher on small custom packages: what a package file declares is all it needs. */
class PackageMatcherTest {
    private final PackageMatcher matcher = new PackageMatcher();
    private final List<TaskPackage> packages = VocabularyPackages.all();

    private String choose(String text) {
        return matcher.decide(text, packages, 0.35, 0.1).chosen().orElseThrow(() -> new AssertionError(text + ": "
                + matcher.decide(text, packages, 0.35, 0.1).refusal().getMessage())).taskPackage().id();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "level show.wav|sound.level",
        "lveel show.wav|sound.level",            // a swap of neighbouring letters
        "normalzie show.wav|sound.level",
        "make show.wav louder|sound.level",      // a phrase, words between allowed
        "encode take.wav to flac|media.encode",
        "ecnode take.wav|media.encode",
        "convert take.wav to mp3|media.encode",  // the format says what the vague verb means
        "zip up the reports folder|archive.pack",
        "archvie ./build/dist|archive.pack",
        "duplicate notes.txt|file.duplicate",
        "dupliacte notes.txt|file.duplicate",
        "cpy notes.txt|file.duplicate",          // three letters: a left-out letter is a typo
    })
    void choosesThePackageOfAVerbAPhraseOrATypo(String text, String expected) {
        assertThat(choose(text)).isEqualTo(expected);
    }

    @Test
    void theTypoGuardKeepsShortAndCommonWordsApart() {
        // "tab" is one substitution from "tar" and "pack" one from "back": neither is taken as a typo.
        assertThat(matcher.decide("tab the reports", packages, 0.35, 0.1).chosen()).isEmpty();
        assertThat(matcher.decide("pack notes.txt", packages, 0.35, 0.1).chosen().orElseThrow().taskPackage().id())
                .isEqualTo("archive.pack");
        assertThat(matcher.decide("cope with show.wav", packages, 0.35, 0.1).chosen().map(m -> m.taskPackage().id()))
                .isNotEqualTo(java.util.Optional.of("file.duplicate"));
    }

    @Test
    void aVagueVerbWithoutATargetIsAmbiguousWithARephrasingPerFormat() {
        PackageMatcher.Decision d = matcher.decide("convert take.wav", packages, 0.35, 0.1);

        assertThat(d.refusal()).isInstanceOf(AmbiguousIntentException.class);
        assertThat(d.suggestions()).containsExactly("encode take.wav to mp3", "encode take.wav to flac");
        assertThat(d.refusal().getMessage()).contains("convert").contains("\"encode take.wav to mp3\"");
    }

    @Test
    void aVagueVerbAloneIsNoMatchAndTheMessageNamesVerbsToUse() {
        assertThatThrownBy(() -> matcher.choose(intent("convert it"), packages, 0.35, 0.1))
                .isInstanceOf(NoMatchingPackageException.class)
                .hasMessageContaining("rephrase it with a verb such as");
    }

    @Test
    void anExcludedWordRulesAPackageOut() {
        PackageMatcher.Decision d = matcher.decide("archive my best photo", packages, 0.35, 0.1);
        assertThat(d.chosen()).isEmpty();
        PackageMatch archive = d.ranked().stream().filter(m -> m.taskPackage().id().equals("archive.pack")).findFirst().orElseThrow();
        assertThat(archive.confidence()).isZero();
        assertThat(archive.reasons()).containsExactly("ruled out by 'photo'");
    }

    @Test
    void aNamedFileThatFitsNoInputHalvesTheScore() {
        List<PackageMatch> ranked = matcher.decide("level notes.txt", packages, 0.35, 0.1).ranked();
        PackageMatch level = ranked.stream().filter(m -> m.taskPackage().id().equals("sound.level")).findFirst().orElseThrow();
        assertThat(level.confidence()).isEqualTo(0.25);
        assertThat(level.reasons()).anyMatch(r -> r.startsWith("no named file fits audio"));
    }

    @Test
    void twoRequestsThatCannotChainAreACompoundRefusal() {
        // These test packages name no outputs, so nothing can take sound.level's result (PackageChainTest chains).
        PackageMatcher.Decision d = matcher.decide("level show.wav, then encode it to mp3", packages, 0.35, 0.1);

        assertThat(d.refusal()).isInstanceOf(CompoundIntentException.class);
        assertThat(((CompoundIntentException) d.refusal()).parts()).containsExactly("level show.wav", "encode it to mp3");
        assertThat(d.refusal().getMessage()).contains("sound.level", "media.encode", "sound.level has no output a later step can take",
                "bit submit \"level show.wav\" and bit submit \"encode it to mp3\"");
        // "then" inside one request is no chain.
        assertThat(choose("level show.wav and then some")).isEqualTo("sound.level");
    }

    @Test
    void rankingIsDeterministicWithTiesById() {
        List<PackageMatch> first = matcher.decide("hello there", packages, 0.35, 0.1).ranked();
        assertThat(first).extracting(m -> m.taskPackage().id())
                .containsExactly("archive.pack", "file.duplicate", "media.encode", "sound.level");
        assertThat(matcher.decide("hello there", packages, 0.35, 0.1).ranked()).isEqualTo(first);
    }

    @Test
    void rivalsWithinTheMarginAreAmbiguous() {
        // Both claim "wav" and nothing else decides.
        PackageMatcher.Decision d = matcher.decide("show.wav podcast audio", packages, 0.35, 0.1);
        assertThat(d.refusal()).isInstanceOf(AmbiguousIntentException.class);
        assertThat(d.refusal().getMessage()).contains("sound.level@1.0.0", "media.encode@1.0.0");
    }

    private static io.concierge.api.intent.Intent intent(String text) {
        return new io.concierge.core.intent.IntentSynthesizer(new io.concierge.core.codec.Codecs())
                .synthesize(text, java.time.Instant.EPOCH);
    }
}
