package io.concierge.workers.video;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FfmpegProgressTest {

    @Test
    void readsTheEncodedTimeInMicroseconds() {
        assertThat(FfmpegProgress.encodedSeconds("out_time_us=2500000")).hasValue(2.5);
        // out_time_ms counts microseconds too, despite its name.
        assertThat(FfmpegProgress.encodedSeconds("out_time_ms=2500000")).hasValue(2.5);
    }

    @Test
    void ignoresOtherKeysAndValuesThatAreNotTimes() {
        assertThat(FfmpegProgress.encodedSeconds("out_time=00:00:02.500000")).isEmpty();
        assertThat(FfmpegProgress.encodedSeconds("frame=60")).isEmpty();
        assertThat(FfmpegProgress.encodedSeconds("out_time_us=N/A")).isEmpty();
        assertThat(FfmpegProgress.encodedSeconds("out_time_us=-9223372036854775807")).isEmpty();
        assertThat(FfmpegProgress.encodedSeconds("garbage")).isEmpty();
    }
}
