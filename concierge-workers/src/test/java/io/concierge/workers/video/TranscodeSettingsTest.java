package io.concierge.workers.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.worker.WorkerParams;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TranscodeSettingsTest {

    @Test
    void defaultsToMp4At5000KbpsKeepingTheSize() {
        TranscodeSettings settings = TranscodeSettings.from(new WorkerParams(Map.of("resolution", "")));

        assertThat(settings.format()).isEqualTo(VideoFormat.MP4);
        assertThat(settings.bitrateKbps()).isEqualTo(5000);
        assertThat(settings.resolution()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"5000, 5000", "5 Mbps, 5000", "5M, 5000", "2.5 Mbps, 2500", "800k, 800", "800 kbps, 800",
        "800 kb/s, 800", "1500000 bps, 1500", "'  640  ', 640"})
    void readsTheBitrateInKbpsWithOrWithoutAUnit(String value, int kbps) {
        assertThat(TranscodeSettings.from(new WorkerParams(Map.of("bitrate", value))).bitrateKbps()).isEqualTo(kbps);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fast", "5 parsecs", "0", "-1", "31", "500001", "NaN", "Infinity", "5e400"})
    void rejectsBitratesOutsideWhatEncodersTake(String value) {
        assertThatThrownBy(() -> TranscodeSettings.from(new WorkerParams(Map.of("bitrate", value))))
                .isInstanceOfSatisfying(WorkerFailure.class, f -> assertThat(f.type()).isEqualTo("input.invalid"))
                .hasMessageContaining("param bitrate");
    }

    @ParameterizedTest
    @CsvSource({"mp4, MP4", "MP4, MP4", "webm, WEBM", "WebM, WEBM"})
    void readsTheFormatIgnoringCase(String value, VideoFormat format) {
        assertThat(TranscodeSettings.from(new WorkerParams(Map.of("format", value))).format()).isEqualTo(format);
    }

    @Test
    void echoesAHostileValueShortAndOnOneLine() {
        String hostile = "mp4\n" + "x".repeat(500);

        assertThatThrownBy(() -> TranscodeSettings.from(new WorkerParams(Map.of("format", hostile))))
                .hasMessageNotContaining("\n")
                .hasMessageContaining("mp4?xxx")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }
}
