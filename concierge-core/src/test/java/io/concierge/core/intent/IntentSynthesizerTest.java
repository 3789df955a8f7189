package io.concierge.core.intent;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.intent.Intent;
import io.concierge.api.intent.Quantity;
import io.concierge.core.codec.Codecs;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntentSynthesizerTest {
    private final IntentSynthesizer synthesizer = new IntentSynthesizer(new Codecs());

    private Intent synth(String text) {
        return synthesizer.synthesize(text, Instant.EPOCH);
    }

    @Test
    void distilsTheGuidesSentence() {
        Intent intent = synth("Normalize podcast episode.wav to -14 LUFS");
        assertThat(intent.verb()).isEqualTo("normalize");
        assertThat(intent.files()).containsExactly("episode.wav");
        assertThat(intent.quantities()).containsExactly(new Quantity(-14, "LUFS"));
        assertThat(intent.keywords()).contains("podcast");
        assertThat(intent.successCriteria()).contains("the output meets -14 LUFS");
        assertThat(intent.id()).matches("[0-9a-f]{64}");
    }

    @Test
    void findsFormatsBitratesAndConstraints() {
        Intent intent = synth("Transcode video clip.mov to MP4 format. File size: 12M. Target bitrate: 5 Mbps");
        assertThat(intent.files()).containsExactly("clip.mov");
        assertThat(intent.formats()).containsExactly("mp4");
        assertThat(intent.quantities()).containsExactly(new Quantity(12, "MB"), new Quantity(5, "Mbps"));

        Intent normalize = synth("Normalize /data/ep 1/x.wav to standard loudness. File size: 4.0K. Must preserve audio quality.");
        assertThat(normalize.constraints()).containsExactly("Must preserve audio quality");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Please normalize episode.wav|normalize|episode.wav",
        "Could you back up \"my data.db\" now?|back|my data.db",
        "Copy ./reports/q3.csv, then stop.|copy|./reports/q3.csv",
        "Compress ~/music/song.wav to mp3|compress|~/music/song.wav",
        "e.g. copy this, i.e. that|copy|",
        "Normalize ep001.wav.|normalize|ep001.wav",
    })
    void findsVerbsAndFiles(String text, String verb, String file) {
        Intent intent = synth(text);
        assertThat(intent.verb()).isEqualTo(verb);
        if (file == null) {
            assertThat(intent.files()).isEmpty();
        } else {
            assertThat(intent.files()).containsExactly(file);
        }
    }

    @Test
    void compoundFormatsAreFormatsNotFiles() {
        Intent intent = synth("Archive logs.txt as tar.gz");
        assertThat(intent.files()).containsExactly("logs.txt");
        assertThat(intent.formats()).containsExactly("tar.gz");
    }

    @Test
    void sameTextSameIdWhitespaceAndMinusNormalized() {
        assertThat(synth("Normalize  a.wav to \u221214 LUFS").id()).isEqualTo(synth("Normalize a.wav to -14 LUFS").id());
        assertThat(synth("Normalize a.wav").id()).isNotEqualTo(synth("Normalize b.wav").id());
        assertThat(synthesizer.synthesize("Normalize a.wav", Instant.now()).id()).isEqualTo(synth("Normalize a.wav").id());
    }

    @Test
    void stemsMeetAcrossInflections() {
        assertThat(Stems.of("normalized")).isEqualTo(Stems.of("normalize")).isEqualTo(Stems.of("normalizing"))
                .isEqualTo(Stems.of("normalizes"));
        assertThat(Stems.of("copies")).isEqualTo(Stems.of("copy")).isEqualTo(Stems.of("copied"));
        assertThat(Stems.of("compressed")).isEqualTo(Stems.of("compress"));
    }
}
