package io.concierge.workers.audio.loudness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** K-weighting coefficients: the BS.1770 table at 48 kHz, the same filter at other rates. */
class KWeightingTest {

    @Test
    void reproducesTheBs1770TableAt48k() {
        BiquadCoefficients shelf = KWeighting.shelf(48000);
        BiquadCoefficients highPass = KWeighting.highPass(48000);

        assertThat(shelf.b0()).isCloseTo(1.53512485958697, within(1e-9));
        assertThat(shelf.b1()).isCloseTo(-2.69169618940638, within(1e-9));
        assertThat(shelf.b2()).isCloseTo(1.19839281085285, within(1e-9));
        assertThat(shelf.a1()).isCloseTo(-1.69065929318241, within(1e-9));
        assertThat(shelf.a2()).isCloseTo(0.73248077421585, within(1e-9));
        assertThat(highPass.b0()).isEqualTo(1.0);
        assertThat(highPass.b1()).isEqualTo(-2.0);
        assertThat(highPass.b2()).isEqualTo(1.0);
        assertThat(highPass.a1()).isCloseTo(-1.99004745483398, within(1e-9));
        assertThat(highPass.a2()).isCloseTo(0.99007225036621, within(1e-9));
    }

    @Test
    void otherRatesGetTheSameFrequencyResponseNotTheSameCoefficients() {
        for (int rate : new int[] {32000, 44100, 96000, 192000}) {
            assertThat(KWeighting.shelf(rate).b0()).isNotCloseTo(KWeighting.shelf(48000).b0(), within(1e-3));
            for (double hz : new double[] {30, 100, 1000, 2000, 5000, 10000}) {
                assertThat(responseDb(rate, hz)).as("%d Hz at %d Hz", (int) hz, rate)
                        .isCloseTo(responseDb(48000, hz), within(0.05));
            }
        }
    }

    /** Magnitude response of both stages at {@code hz}, in dB. */
    private static double responseDb(int rate, double hz) {
        double w = 2 * Math.PI * hz / rate;
        return magnitudeDb(KWeighting.shelf(rate), w) + magnitudeDb(KWeighting.highPass(rate), w);
    }

    private static double magnitudeDb(BiquadCoefficients c, double w) {
        double nr = c.b0() + c.b1() * Math.cos(w) + c.b2() * Math.cos(2 * w);
        double ni = -c.b1() * Math.sin(w) - c.b2() * Math.sin(2 * w);
        double dr = 1 + c.a1() * Math.cos(w) + c.a2() * Math.cos(2 * w);
        double di = -c.a1() * Math.sin(w) - c.a2() * Math.sin(2 * w);
        return 10 * Math.log10((nr * nr + ni * ni) / (dr * dr + di * di));
    }
}
