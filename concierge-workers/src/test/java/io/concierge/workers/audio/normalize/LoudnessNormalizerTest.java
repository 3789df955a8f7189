package io.concierge.workers.audio.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.workers.audio.LoudnessMeter;
import io.concierge.workers.audio.ProgressListener;
import io.concierge.workers.audio.Signals;
import io.concierge.workers.audio.loudness.LoudnessMeasurement;
import io.concierge.workers.audio.wav.WavFormat;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The normalizer's ceiling check, between the 4x points. */
class LoudnessNormalizerTest {

    @TempDir
    Path dir;

    /**
     * Bursts of a 0.4-rate tone (19.2 kHz) whose crests fall halfway between the 4x points: the
     * input's 4x reading is about 0.44 dB under the waveform's peak. A target that puts the 4x reading 0.2 dB
     * under the limiter threshold needs no limiter by that reading, but the written file's crests
     * would cross the ceiling; the check between the points finds them and the file is written
     * again with the limiter on.
     */
    @Test
    void aCeilingCrossedBetweenTheFourXPointsIsLimitedAfterAll() throws Exception {
        int rate = 48_000;
        // 5 ms bursts of the tone every 300 ms over a quiet bed that carries the loudness.
        double[] signal = Signals.pinkNoise(rate, 2, 3, -40, 4);
        for (int start = rate / 10; start + rate / 200 < rate * 3; start += rate * 3 / 10) {
            for (int j = 0; j < rate / 200; j++) {
                double v = 0.25 * Math.cos(2 * Math.PI * 0.4 * (start + j) + Math.PI / 10);
                signal[2 * (start + j)] += v;
                signal[2 * (start + j) + 1] += v;
            }
        }
        Path input = Signals.write(dir.resolve("tone.wav"), WavFormat.float32(2, rate), signal);
        LoudnessMeasurement in = new LoudnessMeter().measure(input);
        double ceiling = -1.0;
        double gain = ceiling - LoudnessNormalizer.LIMITER_MARGIN_DB - 0.2 - in.truePeakDbtp();

        NormalizationResult result = new LoudnessNormalizer().normalize(input, dir.resolve("out.wav"),
                new NormalizeSettings(in.integratedLufs() + gain, ceiling), ProgressListener.NONE);

        assertThat(result.limiter().applied()).isTrue();
        assertThat(result.ceilingMet()).isTrue();
        assertThat(result.output().truePeakDbtp()).isLessThanOrEqualTo(ceiling);
    }
}
