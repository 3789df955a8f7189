package io.concierge.workers.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.concierge.workers.audio.loudness.LoudnessMeasurement;
import io.concierge.workers.audio.wav.SampleEncoding;
import io.concierge.workers.audio.wav.WavFormat;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link LoudnessMeter} against ffmpeg's {@code ebur128} filter on generated signals. ffmpeg
 * prints integrated loudness to 0.1 LU, so agreement within 0.1 LU means agreement to its
 * display precision (its rounding alone can account for 0.05).
 */
class LoudnessMeterAccuracyTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void needsFfmpeg() {
        assertTrue(Ffmpeg.available(), "ffmpeg and ffprobe are not on the PATH: install ffmpeg (apt-get install -y ffmpeg); this test fails rather than skip");
    }

    static Stream<Arguments> signals() {
        return Stream.of(
                signal("sine 1 kHz at -20 dBFS, stereo 48 kHz 16-bit", WavFormat.pcm(2, 48000, 16),
                        () -> Signals.sine(48000, 2, 10, 1000, -20)),
                signal("sine 100 Hz at -6 dBFS, stereo 48 kHz 16-bit", WavFormat.pcm(2, 48000, 16),
                        () -> Signals.sine(48000, 2, 10, 100, -6)),
                signal("sine 10 kHz at -35 dBFS, stereo 48 kHz 24-bit", WavFormat.pcm(2, 48000, 24),
                        () -> Signals.sine(48000, 2, 10, 10000, -35)),
                signal("pink noise at -18 dBFS RMS, stereo 48 kHz 24-bit", WavFormat.pcm(2, 48000, 24),
                        () -> Signals.pinkNoise(48000, 2, 10, -18, 1)),
                signal("white noise at -25 dBFS RMS, mono 48 kHz 16-bit", WavFormat.pcm(1, 48000, 16),
                        () -> Signals.whiteNoise(48000, 1, 10, -25, 2)),
                signal("tone bursts and noise between silences (gating), stereo 48 kHz 16-bit", WavFormat.pcm(2, 48000, 16),
                        LoudnessMeterAccuracyTest::gatedMaterial),
                signal("pink noise plus 440 Hz sine, stereo 48 kHz 32-bit float", WavFormat.float32(2, 48000),
                        () -> Signals.mix(Signals.pinkNoise(48000, 2, 10, -20, 3), Signals.sine(48000, 2, 10, 440, -16))),
                signal("pink noise at -23 dBFS RMS, stereo 44.1 kHz 16-bit", WavFormat.pcm(2, 44100, 16),
                        () -> Signals.pinkNoise(44100, 2, 10, -23, 4)),
                signal("music-like chord with drum hits, mono 32 kHz 32-bit integer", WavFormat.pcm(1, 32000, 32),
                        () -> Signals.crestyProgramme(32000, 1, 10, 5)),
                signal("5.1 noise at different channel levels (LFE excluded, surround +1.5 dB), 48 kHz 24-bit",
                        WavFormat.pcm(6, 48000, 24), LoudnessMeterAccuracyTest::surroundNoise),
                signal("pink noise, WAVE_FORMAT_EXTENSIBLE stereo 96 kHz 24-bit",
                        new WavFormat(SampleEncoding.PCM_INTEGER, 2, 96000, 24, true, 0x3),
                        () -> Signals.pinkNoise(96000, 2, 8, -20, 6)));
    }

    private static Arguments signal(String name, WavFormat format, Supplier<double[]> samples) {
        return Arguments.of(name, format, samples);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signals")
    void integratedLoudnessAndTruePeakMatchFfmpeg(String name, WavFormat format, Supplier<double[]> samples) throws Exception {
        Path wav = Signals.write(dir.resolve(name.replaceAll("[^A-Za-z0-9]+", "_") + ".wav"), format, samples.get());

        LoudnessMeasurement ours = new LoudnessMeter().measure(wav);
        Ffmpeg.Ebur128 reference = Ffmpeg.ebur128(wav);

        assertThat(ours.integratedLufs()).as("integrated loudness of %s", name)
                .isCloseTo(reference.integratedLufs(), within(0.1));
        assertThat(ours.truePeakDbtp()).as("true peak of %s", name)
                .isCloseTo(reference.truePeakDbtp(), within(0.25));
        assertThat(ours.loudnessRangeLu()).as("loudness range of %s", name)
                .isCloseTo(reference.loudnessRangeLu(), within(1.0));
    }

    /** Tone bursts at two levels, noise and digital silence, so both gates matter. */
    private static double[] gatedMaterial() {
        int rate = 48000;
        double[] silence = new double[2 * rate * 2];
        return Signals.concat(
                Signals.sine(rate, 2, 3, 1000, -18), silence,
                Signals.sine(rate, 2, 3, 1000, -34), silence,
                Signals.pinkNoise(rate, 2, 4, -24, 7), silence,
                Signals.sine(rate, 2, 2, 250, -50));
    }

    private static double[] surroundNoise() {
        int rate = 48000;
        double[] levels = {-20, -22, -24, -14, -28, -30};
        double[] noise = Signals.pinkNoise(rate, 6, 10, -20, 8);
        for (int i = 0; i < noise.length; i++) {
            noise[i] *= Signals.dbToLinear(levels[i % 6] + 20);
        }
        return noise;
    }
}
