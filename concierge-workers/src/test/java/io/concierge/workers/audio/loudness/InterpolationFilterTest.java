package io.concierge.workers.audio.loudness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The true-peak interpolator's branches: unity gain, symmetry, flatness. */
class InterpolationFilterTest {

    @Test
    void branchesHaveUnityDcGainAndTheExpectedSymmetry() {
        double[] quarter = InterpolationFilter.branch(1);
        double[] half = InterpolationFilter.branch(2);
        double[] threeQuarter = InterpolationFilter.branch(3);
        for (int phase = 1; phase <= 3; phase++) {
            assertThat(java.util.Arrays.stream(InterpolationFilter.branch(phase)).sum()).isCloseTo(1.0, within(1e-12));
        }
        for (int j = 0; j < InterpolationFilter.TAPS; j++) {
            assertThat(threeQuarter[j]).isCloseTo(quarter[InterpolationFilter.TAPS - 1 - j], within(1e-15));
            assertThat(half[j]).isCloseTo(half[InterpolationFilter.TAPS - 1 - j], within(1e-15));
        }
    }

    @Test
    void isFlatWithinFiveHundredthsOfADbUpTo20kHzAt48k() {
        for (int phase = 1; phase <= 3; phase++) {
            double[] taps = InterpolationFilter.branch(phase);
            for (double hz = 100; hz <= 20000; hz += 100) {
                double w = 2 * Math.PI * hz / 48000;
                double re = 0;
                double im = 0;
                for (int j = 0; j < taps.length; j++) {
                    re += taps[j] * Math.cos(w * j);
                    im -= taps[j] * Math.sin(w * j);
                }
                assertThat(10 * Math.log10(re * re + im * im)).as("branch %d at %.0f Hz", phase, hz)
                        .isCloseTo(0.0, within(0.05));
            }
        }
    }
}
