package io.concierge.workers.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.failure.WorkerFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResolutionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1280x720 | scale=1280:720,setsar=1", "1920X1080 | scale=1920:1080,setsar=1",
        "720p | scale=-2:720,setsar=1", "2160P | scale=-2:2160,setsar=1", "16x16 | scale=16:16,setsar=1",
        "8192x4320 | scale=8192:4320,setsar=1"})
    void parsesExactSizesAndHeights(String text, String filter) {
        assertThat(Resolution.parse(text).scaleFilter()).isEqualTo(filter);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1281x720", "1280x719", "14x14", "8194x720", "721p", "8p", "720", "x720", "1280x",
        "1280x720x3", "hd", "1280×720", "-720p", "720p;", " 720p ", "0720p0"})
    void rejectsEverythingElse(String text) {
        assertThatThrownBy(() -> Resolution.parse(text))
                .isInstanceOfSatisfying(WorkerFailure.class, f -> assertThat(f.type()).isEqualTo("input.invalid"))
                .hasMessageContaining("param resolution must be WIDTHxHEIGHT");
    }
}
