package io.concierge.core.intent;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.intent.InputFill;
import io.concierge.api.pkg.TaskPackage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Input extraction: by type, by cue word, by a package's value table, and where each value came from. */
class InputExtractorTest {
    private static final List<TaskPackage> PACKAGES = io.concierge.core.pkg.VocabularyPackagesAccess.all();

    private static Map<String, InputFill> fill(String text, String packageId) {
        TaskPackage pkg = PACKAGES.stream().filter(p -> p.id().equals(packageId)).findFirst().orElseThrow();
        String normalized = IntentSynthesizer.normalize(text);
        Map<String, InputFill> fills = new LinkedHashMap<>();
        for (InputFill f : InputExtractor.extract(normalized, TextScanner.scan(normalized).verb(), pkg)) {
            fills.put(f.input(), f);
        }
        return fills;
    }

    @Test
    void quantitiesGoToTheInputOfTheirUnitPreferringTheInputsOwnWords() {
        Map<String, InputFill> f = fill("level show.wav with a ceiling of -2 dBTP to minus 16 LUFS", "sound.level");
        assertThat(f.get("audio").value()).isEqualTo("show.wav");
        assertThat(f.get("target").value()).isEqualTo("-16 LUFS");
        assertThat(f.get("target").from()).isEqualTo("-16 LUFS");
        assertThat(f.get("peak").value()).isEqualTo("-2 dBTP");
    }

    @Test
    void defaultsSayDefault() {
        Map<String, InputFill> f = fill("level show.wav", "sound.level");
        assertThat(f.get("target")).isEqualTo(new InputFill("target", "-14", "default"));
    }

    @Test
    void bareKilobitsMeanABitRateAndCueWordsFillIntegers() {
        Map<String, InputFill> f = fill("encode take.wav to flac at 128k, variable bit rate quality 4", "media.encode");
        assertThat(f.get("format").value()).isEqualTo("flac");
        assertThat(f.get("bitrate").value()).isEqualTo("128 kbps");
        assertThat(f.get("mode").value()).isEqualTo("vbr");
        assertThat(f.get("mode").from()).isEqualTo("variable bit rate");
        assertThat(f.get("quality").value()).isEqualTo("4");
    }

    @Test
    void pathsAreFilesFoldersQuotedNamesOrTheWordAfterTheVerb() {
        assertThat(fill("tar up ./build/dist", "archive.pack").get("source").value()).isEqualTo("./build/dist");
        assertThat(fill("tar up ./build/dist", "archive.pack").get("format").value()).isEqualTo("tar.gz");
        assertThat(fill("archive the Фото folder as tgz", "archive.pack").get("source").value()).isEqualTo("Фото");
        assertThat(fill("pack 'My Documents' with no compression", "archive.pack").get("source").value()).isEqualTo("My Documents");
        assertThat(fill("pack 'My Documents' with no compression", "archive.pack").get("level").value()).isEqualTo("0");
        assertThat(fill("archive Photos at level 9", "archive.pack").get("source").value()).isEqualTo("Photos");
        assertThat(fill("archive Photos at level 9", "archive.pack").get("level").value()).isEqualTo("9");
    }

    @Test
    void aFileOfTheWrongExtensionIsNotTaken() {
        assertThat(fill("level notes.txt", "sound.level").get("audio").value()).isEmpty();
    }
}
