package io.concierge.workers.audio.loudness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.concierge.workers.audio.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The analyzer against the reference values of EBU Tech 3341 (loudness) and Tech 3342 (loudness
 * range), computed without any external tool.
 */
class LoudnessAnalyzerTest {

    private static LoudnessMeasurement measure(int rate, double[] weights, double[] signal) throws UnmeasurableAudioException {
        LoudnessAnalyzer analyzer = new LoudnessAnalyzer(rate, weights, true);
        analyzer.accept(signal, signal.length / weights.length);
        return analyzer.finish();
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {44100, 48000, 96000})
    void ebu3341StereoSineAtMinus23DbfsReadsMinus23Lufs(int rate) throws Exception {
        double[] sine = Signals.sine(rate, 2, 20, 1000, -23);

        LoudnessMeasurement m = measure(rate, new double[] {1, 1}, sine);

        assertThat(m.integratedLufs()).isCloseTo(-23.0, within(0.05));
        assertThat(m.truePeakDbtp()).isCloseTo(-23.0, within(0.05));
    }

    @Test
    void ebu3341GatingIgnoresQuietPassagesBelowTheRelativeGate() throws Exception {
        double[] signal = Signals.concat(Signals.sine(48000, 2, 10, 1000, -36), Signals.sine(48000, 2, 60, 1000, -23),
                Signals.sine(48000, 2, 10, 1000, -36));

        assertThat(measure(48000, new double[] {1, 1}, signal).integratedLufs()).isCloseTo(-23.0, within(0.1));
    }

    @Test
    void monoIsOneChannelOfWeightOneNotDualMono() throws Exception {
        double[] sine = Signals.sine(48000, 1, 10, 1000, -20);

        assertThat(measure(48000, new double[] {1}, sine).integratedLufs()).isCloseTo(-23.01, within(0.05));
    }

    @Test
    void surroundChannelsWeighPlusOnePointFiveDbAndLfeIsIgnored() throws Exception {
        double[] weights = ChannelWeights.of(6, 0);
        double[] inLeft = onlyChannel(0, 6);
        double[] inSurround = onlyChannel(4, 6);

        double left = measure(48000, weights, inLeft).integratedLufs();
        double surround = measure(48000, weights, inSurround).integratedLufs();

        assertThat(weights).containsExactly(1, 1, 1, 0, 1.41, 1.41);
        assertThat(surround - left).isCloseTo(10 * Math.log10(1.41), within(0.01));
        assertThatThrownBy(() -> measure(48000, weights, onlyChannel(3, 6)))
                .isInstanceOf(UnmeasurableAudioException.class).hasMessageContaining("silent");
    }

    private static double[] onlyChannel(int channel, int channels) {
        double[] mono = Signals.sine(48000, 1, 5, 1000, -20);
        double[] out = new double[mono.length * channels];
        for (int i = 0; i < mono.length; i++) {
            out[i * channels + channel] = mono[i];
        }
        return out;
    }

    @Test
    void extensibleChannelMaskDecidesTheWeights() {
        // L R LFE Ls Rs... as declared by a mask of FL|FR|LFE|SL|SR.
        assertThat(ChannelWeights.of(5, 0x1 | 0x2 | 0x8 | 0x200 | 0x400)).containsExactly(1, 1, 0, 1.41, 1.41);
        // A mask with fewer positions than channels leaves the extra channels unassigned: weight 1.
        assertThat(ChannelWeights.of(3, 0x8)).containsExactly(0, 1, 1);
    }

    @Test
    void ebu3342LoudnessRangeOfTwoLevelsIsTheirDifference() throws Exception {
        double[] tenLu = Signals.concat(Signals.sine(48000, 2, 20, 1000, -20), Signals.sine(48000, 2, 20, 1000, -30));
        double[] fiveLu = Signals.concat(Signals.sine(48000, 2, 20, 1000, -20), Signals.sine(48000, 2, 20, 1000, -15));

        assertThat(measure(48000, new double[] {1, 1}, tenLu).loudnessRangeLu()).isCloseTo(10.0, within(1.0));
        assertThat(measure(48000, new double[] {1, 1}, fiveLu).loudnessRangeLu()).isCloseTo(5.0, within(1.0));
    }

    @Test
    void truePeakFindsThePeakBetweenSamples() throws Exception {
        // A quarter-rate sine shifted by 45 degrees: every sample is at 0.707 of the peak.
        int rate = 48000;
        double amplitude = Signals.dbToLinear(-6);
        double[] signal = new double[rate * 2];
        for (int i = 0; i < signal.length; i++) {
            signal[i] = amplitude * Math.sin(Math.PI / 2 * i + Math.PI / 4);
        }
        Signals.faded(signal, rate, 1);

        LoudnessMeasurement m = measure(rate, new double[] {1}, signal);

        assertThat(m.samplePeakDbfs()).isCloseTo(-9.01, within(0.02));
        assertThat(m.truePeakDbtp()).isCloseTo(-6.0, within(0.05));
    }

    @Test
    void resultDoesNotDependOnHowTheStreamIsCut() throws Exception {
        double[] signal = Signals.pinkNoise(48000, 2, 6, -20, 11);
        LoudnessMeasurement whole = measure(48000, new double[] {1, 1}, signal);

        LoudnessAnalyzer pieces = new LoudnessAnalyzer(48000, new double[] {1, 1}, true);
        int frames = signal.length / 2;
        int[] sizes = {1, 7, 4800, 13, 1023, 96000};
        for (int at = 0, k = 0; at < frames; k++) {
            int n = Math.min(sizes[k % sizes.length], frames - at);
            double[] block = new double[n * 2];
            System.arraycopy(signal, at * 2, block, 0, n * 2);
            pieces.accept(block, n);
            at += n;
        }
        LoudnessMeasurement cut = pieces.finish();

        assertThat(cut.integratedLufs()).isCloseTo(whole.integratedLufs(), within(1e-9));
        assertThat(cut.loudnessRangeLu()).isCloseTo(whole.loudnessRangeLu(), within(1e-9));
        assertThat(cut.truePeak()).isEqualTo(whole.truePeak());
    }

    @Test
    void silenceAndTooShortAudioAreUnmeasurableNotMinusInfinity() {
        assertThatThrownBy(() -> measure(48000, new double[] {1, 1}, new double[48000 * 2 * 3]))
                .isInstanceOf(UnmeasurableAudioException.class)
                .hasMessageContaining("silent").hasMessageContaining("-70 LUFS");
        assertThatThrownBy(() -> measure(48000, new double[] {1, 1}, Signals.sine(48000, 2, 0.39, 1000, -20)))
                .isInstanceOf(UnmeasurableAudioException.class)
                .hasMessageContaining("shorter than one 400 ms");
    }
}
