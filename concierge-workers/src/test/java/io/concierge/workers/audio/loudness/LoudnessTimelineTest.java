package io.concierge.workers.audio.loudness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.concierge.workers.audio.Signals;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Momentary and short-term loudness and true peak per 100 ms step, against EBU Tech 3341's
 * reading of a steady sine and level changes whose times are known.
 */
class LoudnessTimelineTest {

    private static LoudnessTimeline timeline(double[] stereo, int blockFrames) throws UnmeasurableAudioException {
        LoudnessAnalyzer analyzer = new LoudnessAnalyzer(48000, new double[] {1, 1}, true);
        // Fed in blocks that do not line up with the 4,800-frame steps, as files are read.
        for (int frame = 0; frame < stereo.length / 2; frame += blockFrames) {
            int n = Math.min(blockFrames, stereo.length / 2 - frame);
            analyzer.accept(Arrays.copyOfRange(stereo, frame * 2, (frame + n) * 2), n);
        }
        return analyzer.finish().timeline();
    }

    @Test
    void aSteadySineReadsItsLevelOnceEachWindowIsFull() throws Exception {
        LoudnessTimeline t = timeline(Signals.sine(48000, 2, 10, 1000, -23), 4096);

        assertThat(t.steps()).isEqualTo(100);
        assertThat(t.stepSeconds()).isEqualTo(0.1);
        assertThat(t.momentaryLufs()[2]).isNaN();
        assertThat(t.momentaryLufs()[3]).isCloseTo(-23.0, within(0.1));
        assertThat(t.shortTermLufs()[28]).isNaN();
        assertThat(t.shortTermLufs()[29]).isCloseTo(-23.0, within(0.1));
        assertThat(t.momentaryLufs()[99]).isCloseTo(-23.0, within(0.05));
        assertThat(t.truePeak()).hasSize(100);
        assertThat(20 * Math.log10(t.truePeak()[50])).isCloseTo(-23.0, within(0.05));
    }

    @Test
    void aLevelChangeShowsAtItsTimeAndQuietPartsAreGated() throws Exception {
        double[] signal = Signals.concat(Signals.sine(48000, 2, 5, 1000, -20), Signals.sine(48000, 2, 5, 1000, -50));

        LoudnessTimeline t = timeline(signal, 1000);

        // Step 45 ends at 4.6 s: its 400 ms block lies wholly in the loud part; step 53 (5.4 s) in the quiet one.
        assertThat(t.momentaryLufs()[45]).isCloseTo(-20.0, within(0.1));
        assertThat(t.momentaryLufs()[53]).isCloseTo(-50.0, within(0.1));
        // The short-term window still holds loud audio 2 s after the change, and none 3 s after.
        assertThat(t.shortTermLufs()[69]).isGreaterThan(-30.0);
        assertThat(t.shortTermLufs()[80]).isCloseTo(-50.0, within(0.1));
        // Peaks per step: loud steps at -20 dBTP, quiet ones at -50.
        assertThat(20 * Math.log10(t.truePeak()[10])).isCloseTo(-20.0, within(0.05));
        assertThat(20 * Math.log10(t.truePeak()[70])).isCloseTo(-50.0, within(0.05));
        // The quiet half is 30 LU down, below the relative gate (10 LU under the ungated loudness).
        assertThat(t.gated(45)).isFalse();
        assertThat(t.gated(53)).isTrue();
        assertThat(t.gated(0)).isFalse();
    }

    @Test
    void theLargestStepPeakIsTheFilesTruePeak() throws Exception {
        double[] signal = Signals.crestyProgramme(48000, 2, 6, 7);
        LoudnessAnalyzer analyzer = new LoudnessAnalyzer(48000, new double[] {1, 1}, true);
        analyzer.accept(signal, signal.length / 2);
        LoudnessMeasurement m = analyzer.finish();

        assertThat(Arrays.stream(m.timeline().truePeak()).max().orElseThrow()).isEqualTo(m.truePeak());
    }

    @Test
    void digitalSilenceHasNoLoudness() throws Exception {
        double[] signal = Signals.concat(Signals.sine(48000, 2, 2, 1000, -20), new double[48000 * 2 * 3]);

        LoudnessTimeline t = timeline(signal, 4096);

        assertThat(t.momentaryLufs()[49]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(t.gated(49)).isTrue();
        assertThat(t.truePeak()[49]).isZero();
    }
}
