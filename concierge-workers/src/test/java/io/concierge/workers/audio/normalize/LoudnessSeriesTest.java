package io.concierge.workers.audio.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.workers.audio.loudness.LoudnessTimeline;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoudnessSeriesTest {

    /** A timeline of {@code steps} steps whose readings are the step number, gated below -60. */
    private static LoudnessTimeline ramp(int steps) {
        double[] values = new double[steps];
        double[] peaks = new double[steps];
        for (int i = 0; i < steps; i++) {
            values[i] = i < 3 ? Double.NaN : -100.0 + i * 0.01;
            peaks[i] = Math.pow(10, (-100.0 + i * 0.01) / 20);
        }
        return new LoudnessTimeline(0.1, values, values.clone(), peaks, -60.0);
    }

    @Test
    void aShortFileKeepsOnePointPerReading() {
        LoudnessTimeline t = ramp(100);
        double[] gain = new double[100];
        Arrays.fill(gain, 1.0);
        gain[42] = Math.pow(10, -1.5 / 20);

        LoudnessSeries s = LoudnessSeries.of(t, t, gain, 2000);

        assertThat(s.points()).isEqualTo(100);
        assertThat(s.downsampled()).isFalse();
        assertThat(s.intervalSeconds()).isEqualTo(0.1);
        assertThat(s.input().momentaryLufs()).hasSize(100).startsWith(null, null, null, -100.0);
        assertThat(s.limiterReductionDb().get(42)).isEqualTo(1.5);
        assertThat(s.limiterReductionDb().get(41)).isEqualTo(0.0);
        // Everything is below -60: gated from the first reading (the block ending in 0.3..0.4 s) on.
        assertThat(s.input().gated()).containsExactly(List.of(0.3, 10.0));
    }

    @Test
    void aLongFileIsDownsampledToTheLoudestReadingOfEachInterval() {
        LoudnessTimeline t = ramp(36_000);

        LoudnessSeries s = LoudnessSeries.of(t, t, new double[0], 2000);

        assertThat(s.points()).isEqualTo(2000);
        assertThat(s.downsampled()).isTrue();
        assertThat(s.intervalSeconds()).isEqualTo(1.8);
        assertThat(s.reduction()).contains("highest reading of the 18");
        // Point 1 covers readings 18..35; the highest is the last one.
        assertThat(s.input().shortTermLufs().get(1)).isEqualTo(Math.round((-100.0 + 35 * 0.01) * 10) / 10.0);
        assertThat(s.output().truePeakDbtp().get(1)).isEqualTo(Math.round((-100.0 + 35 * 0.01) * 10) / 10.0);
        assertThat(s.limiterReductionDb()).hasSize(2000).containsOnly(0.0);
    }
}
