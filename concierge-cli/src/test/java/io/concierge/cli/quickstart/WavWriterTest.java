package io.concierge.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesACanonicalPcmHeaderAndLittleEndianSamples() throws Exception {
        Path file = dir.resolve("t.wav");
        long written = new WavWriter(48_000).write(file, new double[][] {{0.0, 1.0, -1.0}, {0.5, 2.0, -0.5}});

        byte[] bytes = Files.readAllBytes(file);
        assertThat(written).isEqualTo(bytes.length).isEqualTo(44 + 3 * 2 * 2);
        ByteBuffer wav = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(bytes, 0, 4, "US-ASCII")).isEqualTo("RIFF");
        assertThat(wav.getInt(4)).isEqualTo(bytes.length - 8);
        assertThat(new String(bytes, 8, 8, "US-ASCII")).isEqualTo("WAVEfmt ");
        assertThat(wav.getInt(16)).isEqualTo(16);
        assertThat(wav.getShort(20)).isEqualTo((short) 1);
        assertThat(wav.getShort(22)).isEqualTo((short) 2);
        assertThat(wav.getInt(24)).isEqualTo(48_000);
        assertThat(wav.getInt(28)).isEqualTo(48_000 * 4);
        assertThat(wav.getShort(32)).isEqualTo((short) 4);
        assertThat(wav.getShort(34)).isEqualTo((short) 16);
        assertThat(new String(bytes, 36, 4, "US-ASCII")).isEqualTo("data");
        assertThat(wav.getInt(40)).isEqualTo(12);
        // Interleaved: L0 R0 L1 R1 L2 R2, clipped to the 16-bit range.
        assertThat(wav.getShort(44)).isEqualTo((short) 0);
        assertThat(wav.getShort(46)).isEqualTo((short) 16384);
        assertThat(wav.getShort(48)).isEqualTo(Short.MAX_VALUE);
        assertThat(wav.getShort(50)).isEqualTo(Short.MAX_VALUE);
        assertThat(wav.getShort(52)).isEqualTo((short) -Short.MAX_VALUE);
        assertThat(wav.getShort(54)).isEqualTo((short) -16384);
    }

    @Test
    void speechLikeSignalHasTheAskedLevelAndIsRepeatable() {
        double[][] a = SpeechLikeSignal.generate(2, 48_000, 2, -29, 7);
        double[][] b = SpeechLikeSignal.generate(2, 48_000, 2, -29, 7);

        assertThat(a).hasDimensions(2, 96_000);
        assertThat(a).isDeepEqualTo(b);
        double sum = 0;
        double peak = 0;
        for (double[] channel : a) {
            for (double sample : channel) {
                sum += sample * sample;
                peak = Math.max(peak, Math.abs(sample));
            }
        }
        double rmsDbfs = 10 * Math.log10(sum / (2 * 96_000));
        assertThat(rmsDbfs).isCloseTo(-29, within(0.01));
        // Far from clipping, and far from the -14 LUFS a normalizer aims at.
        assertThat(peak).isLessThan(0.5);
    }

    @Test
    void speechLikeSignalPausesBetweenPhrases() {
        double[][] signal = SpeechLikeSignal.generate(3, 8_000, 1, -29, 7);
        // 2.5 s of speech, then a pause: the pause is at least 30 dB quieter.
        double speech = rms(signal[0], 8_000, 16_000);
        double pause = rms(signal[0], 20_500, 22_500);
        assertThat(20 * Math.log10(speech / pause)).isGreaterThan(30);
    }

    private static double rms(double[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += samples[i] * samples[i];
        }
        return Math.sqrt(sum / (to - from));
    }
}
