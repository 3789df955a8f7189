package io.concierge.server;

import io.concierge.workers.audio.wav.WavFormat;
import io.concierge.workers.audio.wav.WavWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A 12 s stereo programme that shows everything a loudness chart draws: noise with sharp clicks
 * (normalized loud, the limiter must act on them), a quiet stretch far below the rest (left out
 * of the integrated loudness by the gate), and a louder last part.
 */
final class TestAudio {
    private TestAudio() {
    }

    static Path programme(Path file) throws IOException {
        int rate = 48000;
        int frames = rate * 12;
        double[][] channels = new double[2][frames];
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < frames; i++) {
            double seconds = (double) i / rate;
            double level = seconds < 4 ? 0.05 : seconds < 7 ? 0.0015 : 0.09;
            double v = level * (2 * random.nextDouble() - 1);
            // a click every half second in the loud parts: peaks far above the noise
            if (seconds >= 7 || seconds < 4) {
                int inCycle = i % (rate / 2);
                if (inCycle < 24) {
                    v += 0.6 * Math.sin(Math.PI * inCycle / 24.0);
                }
            }
            channels[0][i] = v;
            channels[1][i] = v * 0.9;
        }
        WavWriter.write(file, WavFormat.pcm(2, rate, 16), channels);
        return file;
    }
}
