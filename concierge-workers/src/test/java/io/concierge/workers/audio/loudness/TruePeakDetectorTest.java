package io.concierge.workers.audio.loudness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The true peak is the waveform's peak, also where it falls between the 4x points. */
class TruePeakDetectorTest {

    /**
     * A 0.4-rate sine (19.2 kHz at 48 kHz): its 4x points fall every pi / 5 of phase, so with a
     * phase of pi / 10 every crest, up or down, lies halfway between two of them and the 4x points
     * alone read 0.44 dB low (cos(pi / 10)).
     */
    private static double[] crestBetweenQuarterPoints(double amplitude, int frames) {
        double[] x = new double[frames];
        for (int i = 0; i < frames; i++) {
            double fade = Math.min(1.0, Math.min(i, frames - 1 - i) / 2000.0);
            x[i] = fade * amplitude * Math.cos(2 * Math.PI * 0.4 * i + Math.PI / 10);
        }
        return x;
    }

    @Test
    void findsACrestBetweenTheQuarterSamplePoints() {
        double amplitude = 0.5;
        double[] x = crestBetweenQuarterPoints(amplitude, 48_000);
        double coarse = 0.0;
        for (int phase = 1; phase <= 3; phase++) {
            double[] taps = InterpolationFilter.branch(phase);
            for (int i = 0; i + taps.length <= x.length; i++) {
                double sum = 0;
                for (int j = 0; j < taps.length; j++) {
                    sum += taps[j] * x[i + j];
                }
                coarse = Math.max(coarse, Math.abs(sum));
            }
        }
        TruePeakDetector refined = new TruePeakDetector(1, 0.4);
        refined.measure(x, x.length);
        refined.flush();
        TruePeakDetector plain = new TruePeakDetector(1);
        plain.measure(x, x.length);
        plain.flush();

        assertThat(20 * Math.log10(coarse / amplitude)).as("the 4x points alone").isLessThan(-0.3);
        assertThat(20 * Math.log10(refined.truePeak() / amplitude)).isCloseTo(0.0, within(0.04));
        assertThat(20 * Math.log10(plain.truePeak() / amplitude)).as("plain BS.1770 4x").isLessThan(-0.3);
    }

    @Test
    void belowTheGivenLevelTheMeasurementStaysAtFourPoints() {
        double[] x = crestBetweenQuarterPoints(0.5, 48_000);
        TruePeakDetector highLevel = new TruePeakDetector(1, 0.6);
        highLevel.measure(x, x.length);
        highLevel.flush();
        TruePeakDetector plain = new TruePeakDetector(1);
        plain.measure(x, x.length);
        plain.flush();

        // The crests can reach at most 0.5 * 1.084 = 0.54 by the bound: nothing to refine under 0.6.
        assertThat(highLevel.truePeak()).isEqualTo(plain.truePeak());
    }

    @Test
    void intervalPeaksAreRefinedFromTheGivenLevelOnly() {
        double amplitude = 0.5;
        double[] x = crestBetweenQuarterPoints(amplitude, 8_000);
        double[] refined = new double[x.length];
        double[] coarse = new double[x.length];
        new TruePeakDetector(1, 0.4).intervalPeaks(x, x.length, refined);
        new TruePeakDetector(1).intervalPeaks(x, x.length, coarse);

        double maxRefined = java.util.Arrays.stream(refined).max().orElseThrow();
        double maxCoarse = java.util.Arrays.stream(coarse).max().orElseThrow();
        assertThat(20 * Math.log10(maxRefined / amplitude)).isCloseTo(0.0, within(0.04));
        assertThat(20 * Math.log10(maxCoarse / amplitude)).isLessThan(-0.3);
    }
}
