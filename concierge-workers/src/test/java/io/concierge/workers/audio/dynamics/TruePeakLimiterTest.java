package io.concierge.workers.audio.dynamics;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.workers.audio.Signals;
import io.concierge.workers.audio.loudness.TruePeakDetector;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The look-ahead true-peak limiter: a ceiling it keeps, and transparency where it is not needed. */
class TruePeakLimiterTest {

    private static final int RATE = 48000;

    /** Runs {@code input} through {@code limiter} in blocks of 1000 frames and returns all output. */
    private static double[] run(TruePeakLimiter limiter, double[] input, int channels) {
        int frames = input.length / channels;
        double[] output = new double[input.length];
        double[] out = new double[Math.max(1000, limiter.latencyFrames()) * channels];
        int written = 0;
        for (int at = 0; at < frames; at += 1000) {
            int n = Math.min(1000, frames - at);
            double[] block = new double[n * channels];
            System.arraycopy(input, at * channels, block, 0, n * channels);
            int ready = limiter.process(block, n, out);
            System.arraycopy(out, 0, output, written * channels, ready * channels);
            written += ready;
        }
        int ready = limiter.flush(out);
        System.arraycopy(out, 0, output, written * channels, ready * channels);
        assertThat(written + ready).as("every input frame comes out once").isEqualTo(frames);
        return output;
    }

    private static double truePeakDb(double[] signal, int channels) {
        TruePeakDetector detector = new TruePeakDetector(channels);
        detector.measure(signal, signal.length / channels);
        detector.flush();
        return 20 * Math.log10(detector.truePeak());
    }

    @Test
    void leavesAudioUnderTheThresholdUntouched() {
        double[] input = Signals.pinkNoise(RATE, 2, 2, -30, 1);
        TruePeakLimiter limiter = new TruePeakLimiter(2, RATE, Signals.dbToLinear(-1), 0.005, 0.1);

        double[] output = run(limiter, input, 2);

        assertThat(output).isEqualTo(input);
        assertThat(limiter.reducedFrames()).isZero();
        assertThat(limiter.maxGainReductionDb()).isZero();
    }

    @Test
    void keepsTheTruePeakOfLoudMaterialUnderTheThreshold() {
        double[] input = Signals.crestyProgramme(RATE, 2, 5, 2);
        for (int i = 0; i < input.length; i++) {
            input[i] *= 16; // +24 dB: peaks far over full scale
        }
        double thresholdDb = -1.1;
        TruePeakLimiter limiter = new TruePeakLimiter(2, RATE, Signals.dbToLinear(thresholdDb), 0.005, 0.1);

        double[] output = run(limiter, input, 2);

        assertThat(truePeakDb(input, 2)).isGreaterThan(5.0);
        assertThat(truePeakDb(output, 2)).isLessThanOrEqualTo(thresholdDb + 0.05);
        assertThat(limiter.maxGainReductionDb()).isGreaterThan(6.0);
        assertThat(limiter.reducedFrames()).isPositive();
    }

    @Test
    void keepsCrestsBetweenTheQuarterSamplePointsUnderTheThreshold() {
        // Bursts of a 0.4-rate tone whose crests fall halfway between the 4x points, 3 dB over.
        int frames = RATE * 2;
        double[] input = new double[frames];
        for (int i = 0; i < frames; i++) {
            double burst = (i / 4800) % 2 == 0 ? 1.0 : 0.1;
            input[i] = burst * Signals.dbToLinear(2) * Math.cos(2 * Math.PI * 0.4 * i + Math.PI / 10);
        }
        double thresholdDb = -1.0;
        TruePeakLimiter limiter = new TruePeakLimiter(1, RATE, Signals.dbToLinear(thresholdDb), 0.005, 0.1);

        double[] output = run(limiter, input, 1);

        assertThat(truePeakDb(output, 1)).isLessThanOrEqualTo(thresholdDb + 0.02);
    }

    @Test
    void turnsDownOnlyAroundAPeakAndRecovers() {
        // One second of a quiet tone with a single loud click at 0.5 s.
        double[] input = Signals.sine(RATE, 1, 1, 440, -20);
        int click = RATE / 2;
        for (int j = 0; j < 100; j++) {
            input[click + j] += 2.0 * Math.exp(-j / 20.0) * Math.sin(2 * Math.PI * 3000 * j / RATE);
        }
        TruePeakLimiter limiter = new TruePeakLimiter(1, RATE, Signals.dbToLinear(-1), 0.005, 0.02);

        double[] output = run(limiter, input, 1);

        // Untouched before the look-ahead reaches the click ...
        int lookaheadStart = click - RATE / 100;
        assertThat(Arrays.copyOf(output, lookaheadStart)).isEqualTo(Arrays.copyOf(input, lookaheadStart));
        // ... turned down at the click ...
        assertThat(limiter.maxGainReductionDb()).isGreaterThan(3.0);
        // ... and back to unity within fifteen release time constants.
        double deviation = 0;
        for (int i = click + (int) (0.3 * RATE); i < input.length; i++) {
            deviation = Math.max(deviation, Math.abs(output[i] - input[i]));
        }
        assertThat(deviation).isLessThan(1e-4);
    }
}
