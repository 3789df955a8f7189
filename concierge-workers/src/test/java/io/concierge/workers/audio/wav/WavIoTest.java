package io.concierge.workers.audio.wav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading and writing WAV files: every supported layout, and every way a file can be broken. */
class WavIoTest {

    @TempDir
    Path dir;

    static Stream<WavFormat> formats() {
        return Stream.of(
                WavFormat.pcm(2, 48000, 16),
                WavFormat.pcm(1, 44100, 24),
                WavFormat.pcm(6, 96000, 32),
                WavFormat.float32(2, 48000),
                new WavFormat(SampleEncoding.PCM_INTEGER, 2, 48000, 24, true, 0x3),
                new WavFormat(SampleEncoding.IEEE_FLOAT, 6, 48000, 32, true, 0x60F),
                WavFormat.pcm(3, 22050, 24));
    }

    @ParameterizedTest
    @MethodSource("formats")
    void writesAndReadsBackEverySupportedFormat(WavFormat format) throws IOException {
        double[] samples = randomSamples(1001 * format.channels(), 1.2);
        Path file = dir.resolve("round-trip.wav");

        try (WavWriter writer = WavWriter.create(file, format)) {
            writer.write(samples, 600);
            writer.write(Arrays.copyOfRange(samples, 600 * format.channels(), samples.length), 401);
        }

        WavInfo info = WavReader.probe(file);
        assertThat(info.format()).isEqualTo(format);
        assertThat(info.frameCount()).isEqualTo(1001);
        double[] read = new double[samples.length];
        try (WavReader reader = WavReader.open(file)) {
            assertThat(reader.read(read, 1001)).isEqualTo(1001);
            assertThat(reader.read(new double[format.channels()], 1)).isZero();
        }
        double[] expected = Arrays.stream(samples).map(s -> expected(format, s)).toArray();
        assertThat(read).isEqualTo(expected);
        assertThat(Files.size(file) % 2).as("RIFF files have even length").isZero();
    }

    /** What a sample becomes in {@code format}: float rounding, or integer rounding with saturation. */
    private static double expected(WavFormat format, double sample) {
        if (format.isFloat()) {
            return (float) sample;
        }
        double scale = Math.scalb(1.0, format.bitsPerSample() - 1);
        double v = Math.max(-scale, Math.min(scale - 1, Math.rint(sample * scale)));
        return v / scale;
    }

    @Test
    void wholeSignalIsWrittenAsACanonicalPcmFile() throws IOException {
        Path file = dir.resolve("t.wav");
        long written = WavWriter.write(file, WavFormat.pcm(2, 48_000, 16), new double[][] {{0.0, 1.0, -1.0}, {0.5, 2.0, -0.5}});

        byte[] bytes = Files.readAllBytes(file);
        assertThat(written).isEqualTo(bytes.length).isEqualTo(44 + 3 * 2 * 2);
        ByteBuffer wav = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(wav.getInt(4)).isEqualTo(bytes.length - 8);
        assertThat(new String(bytes, 8, 8, StandardCharsets.US_ASCII)).isEqualTo("WAVEfmt ");
        assertThat(wav.getInt(16)).isEqualTo(16);
        assertThat(wav.getShort(20)).isEqualTo((short) 1);
        assertThat(wav.getShort(22)).isEqualTo((short) 2);
        assertThat(wav.getInt(24)).isEqualTo(48_000);
        assertThat(wav.getInt(28)).isEqualTo(48_000 * 4);
        assertThat(wav.getShort(32)).isEqualTo((short) 4);
        assertThat(wav.getShort(34)).isEqualTo((short) 16);
        assertThat(new String(bytes, 36, 4, StandardCharsets.US_ASCII)).isEqualTo("data");
        assertThat(wav.getInt(40)).isEqualTo(12);
        // Interleaved L0 R0 L1 R1 L2 R2; beyond full scale saturates.
        assertThat(wav.getShort(44)).isEqualTo((short) 0);
        assertThat(wav.getShort(46)).isEqualTo((short) 16384);
        assertThat(wav.getShort(48)).isEqualTo(Short.MAX_VALUE);
        assertThat(wav.getShort(50)).isEqualTo(Short.MAX_VALUE);
        assertThat(wav.getShort(52)).isEqualTo(Short.MIN_VALUE);
        assertThat(wav.getShort(54)).isEqualTo((short) -16384);
        assertThatThrownBy(() -> WavWriter.write(file, WavFormat.pcm(1, 48_000, 16), new double[][] {{0.0}, {0.0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 channels");
    }

    @Test
    void clippedSamplesSaturateInsteadOfWrappingAround() throws IOException {
        Path file = dir.resolve("clip.wav");
        try (WavWriter writer = WavWriter.create(file, WavFormat.pcm(1, 48000, 16))) {
            writer.write(new double[] {1.5, -1.5, 1.0, Double.NaN}, 4);
        }
        double[] read = new double[4];
        try (WavReader reader = WavReader.open(file)) {
            reader.read(read, 4);
        }
        assertThat(read).containsExactly(32767 / 32768.0, -1.0, 32767 / 32768.0, 0.0);
    }

    @Test
    void skipsUnknownChunksIncludingOddSizedOnesWithTheirPadByte() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(chunk("LIST", new byte[] {1, 2, 3}));      // odd: one pad byte follows
        body.writeBytes(chunk("fmt ", fmt(1, 2, 44100, 16)));
        body.writeBytes(chunk("bext", new byte[7]));
        short[] pcm = {1000, -1000, 32767, -32768, 0, 5};
        ByteBuffer data = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : pcm) {
            data.putShort(s);
        }
        body.writeBytes(chunk("data", data.array()));
        body.writeBytes(chunk("id3 ", new byte[5]));
        Path file = Files.write(dir.resolve("chunks.wav"), riff(body.toByteArray()));

        double[] read = new double[6];
        try (WavReader reader = WavReader.open(file)) {
            assertThat(reader.info().format()).isEqualTo(WavFormat.pcm(2, 44100, 16));
            assertThat(reader.read(read, 3)).isEqualTo(3);
            assertThat(reader.read(read, 3)).isZero();
        }
        assertThat(read).containsExactly(1000 / 32768.0, -1000 / 32768.0, 32767 / 32768.0, -1.0, 0.0, 5 / 32768.0);
    }

    @Test
    void rejectsFilesThatAreNotWav() throws IOException {
        assertInvalid(new byte[0], "too short to be a WAV file");
        assertInvalid("ID3\u0004 this is an mp3 file".getBytes(StandardCharsets.ISO_8859_1), "not a WAV file");
        assertInvalid("just some text, certainly not audio".getBytes(StandardCharsets.US_ASCII), "not a WAV file");
        byte[] avi = riff(chunk("data", new byte[8]));
        System.arraycopy("AVI ".getBytes(StandardCharsets.US_ASCII), 0, avi, 8, 4);
        assertInvalid(avi, "not WAVE audio");
        byte[] rf64 = riff(chunk("fmt ", fmt(1, 2, 48000, 16)));
        System.arraycopy("RF64".getBytes(StandardCharsets.US_ASCII), 0, rf64, 0, 4);
        assertInvalid(rf64, "RF64");
    }

    @Test
    void rejectsTruncatedAndCorruptFiles() throws IOException {
        byte[] whole = riff(concat(chunk("fmt ", fmt(1, 2, 48000, 16)), chunk("data", new byte[400])));
        assertInvalid(Arrays.copyOf(whole, 30), "truncated");
        assertInvalid(Arrays.copyOf(whole, 200), "declares 400 bytes but only");
        assertInvalid(riff(chunk("fmt ", fmt(1, 2, 48000, 16))), "no data chunk");
        assertInvalid(riff(chunk("data", new byte[8])), "data chunk before the fmt chunk");
        assertInvalid(riff(concat(chunk("fmt ", fmt(1, 2, 48000, 16)), chunk("data", new byte[0]))), "contains no audio");
        byte[] garbage = riff(concat(chunk("fmt ", fmt(1, 2, 48000, 16)), new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8}));
        assertInvalid(garbage, "garbage");
        assertInvalid(riff(concat(chunk("fmt ", Arrays.copyOf(fmt(1, 2, 48000, 16), 12)), chunk("data", new byte[4]))),
                "malformed fmt chunk");
    }

    @Test
    void rejectsUnsupportedSampleFormatsNamingThem() throws IOException {
        assertInvalid(riff(concat(chunk("fmt ", fmt(1, 1, 8000, 8)), chunk("data", new byte[100]))),
                "8-bit PCM, which is not supported");
        assertInvalid(riff(concat(chunk("fmt ", fmt(0x55, 2, 44100, 0)), chunk("data", new byte[100]))),
                "format tag 0x0055");
        assertInvalid(riff(concat(chunk("fmt ", fmt(3, 2, 48000, 64)), chunk("data", new byte[160]))),
                "64-bit float");
        assertInvalid(riff(concat(chunk("fmt ", fmt(1, 2, 4000, 16)), chunk("data", new byte[16]))),
                "sample rate 4000 Hz");
        byte[] badAlign = fmt(1, 2, 48000, 16);
        ByteBuffer.wrap(badAlign).order(ByteOrder.LITTLE_ENDIAN).putShort(12, (short) 3);
        assertInvalid(riff(concat(chunk("fmt ", badAlign), chunk("data", new byte[12]))), "inconsistent fmt chunk");
    }

    @Test
    void quantizerDithersSixteenBitDeterministicallyAndNeverClipsWithoutReason() {
        WavFormat format = WavFormat.pcm(1, 48000, 16);
        double[] a = randomSamples(10000, 0.5);
        double[] b = a.clone();
        double[] plain = a.clone();
        new SampleQuantizer(format, true, 42).quantize(a, a.length);
        new SampleQuantizer(format, true, 42).quantize(b, b.length);
        SampleQuantizer rounding = new SampleQuantizer(format, false, 42);
        rounding.quantize(plain, plain.length);

        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(plain);
        double lsb = 1.0 / 32768;
        double[] original = randomSamples(10000, 0.5);
        double meanError = 0;
        for (int i = 0; i < a.length; i++) {
            assertThat(Math.abs(a[i] - original[i])).isLessThanOrEqualTo(1.5 * lsb);
            assertThat(Math.abs(plain[i] - original[i])).isLessThanOrEqualTo(0.5 * lsb);
            meanError += (a[i] - original[i]) / a.length;
        }
        assertThat(meanError).isCloseTo(0.0, within(0.05 * lsb));
        assertThat(rounding.clippedSamples()).isZero();
    }

    private void assertInvalid(byte[] content, String expectedProblem) throws IOException {
        Path file = Files.write(dir.resolve("broken.wav"), content);
        assertThatThrownBy(() -> WavReader.probe(file))
                .isInstanceOf(InvalidWavException.class)
                .hasMessageContaining(expectedProblem);
        assertThatThrownBy(() -> WavReader.open(file).close()).isInstanceOf(InvalidWavException.class);
    }

    private static double[] randomSamples(int n, double range) {
        SplittableRandom random = new SplittableRandom(7);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = range * (2 * random.nextDouble() - 1);
        }
        return out;
    }

    static byte[] fmt(int tag, int channels, int rate, int bits) {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) tag).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits)
                .array();
    }

    static byte[] chunk(String id, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length + (body.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length).put(body);
        return b.array();
    }

    static byte[] riff(byte[] chunks) {
        ByteBuffer b = ByteBuffer.allocate(12 + chunks.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + chunks.length)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put(chunks);
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
