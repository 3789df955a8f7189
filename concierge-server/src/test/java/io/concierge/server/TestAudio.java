package io.concierge.server;

import io.concierge.workers.audio.wav.WavFormat;
import io.concierge.workers.audio.wav.WavWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Media for the chart tests. The audio: a 12 s stereo programme that shows everything a loudness chart draws: noise with sharp clicks
 * (normalized loud, the limiter must act on them), a quiet stretch far below the rest (left out
 * of the integrated loudness by the gate), and a louder last part.
 */
final class TestAudio {
    private TestAudio() {
    }

    /** A 6 s 320x180 test-pattern clip with a tone, made by ffmpeg (which the transcode needs anyway). */
    static Path clip(Path file) throws IOException, InterruptedException {
        org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.isExecutable(Path.of("/usr/bin/ffmpeg")),
                "the transcode tests need ffmpeg (apt-get install -y ffmpeg)");
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=duration=6:size=320x180:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:duration=6",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-b:v", "1200k", "-c:a", "aac", "-shortest", file.toString())
                .redirectErrorStream(true).start();
        String said = new String(ffmpeg.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (ffmpeg.waitFor() != 0) {
            throw new IOException("ffmpeg could not make the test clip: " + said);
        }
        return file;
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
