package io.concierge.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart's sample episode: its level, repeatability and pauses. */
class SpeechLikeSignalTest {
    @TempDir
    Path dir;

    @Test
    void speechLikeSignalHasTheAskedLevelAndIsRepeatable() {
        double[][] a = SpeechLikeSignal.generate(2, 48_000, 2, -29, 7);
        double[][] b = SpeechLikeSignal.generate(2, 48_000, 2, -29, 7);

        assertThat(a).hasDimensions(2, 96_000);
        assertThat(a).isDeepEqualTo(b);
        double sum = 0;
        double peak = 0;
        for (double[] channel : a) {
            for (double sample : channel) {
                sum += sample * sample;
                peak = Math.max(peak, Math.abs(sample));
            }
        }
        double rmsDbfs = 10 * Math.log10(sum / (2 * 96_000));
        assertThat(rmsDbfs).isCloseTo(-29, within(0.01));
        // Far from clipping, and far from the -14 LUFS a normalizer aims at.
        assertThat(peak).isLessThan(0.5);
    }

    @Test
    void speechLikeSignalPausesBetweenPhrases() {
        double[][] signal = SpeechLikeSignal.generate(3, 8_000, 1, -29, 7);
        // 2.5 s of speech, then a pause: the pause is at least 30 dB quieter.
        double speech = rms(signal[0], 8_000, 16_000);
        double pause = rms(signal[0], 20_500, 22_500);
        assertThat(20 * Math.log10(speech / pause)).isGreaterThan(30);
    }

    private static double rms(double[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += samples[i] * samples[i];
        }
        return Math.sqrt(sum / (to - from));
    }
}
