package io.concierge.workers.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.worker.Worker;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerResult;
import io.concierge.testkit.WorkerTestContext;
import io.concierge.workers.audio.loudness.LoudnessMeasurement;
import io.concierge.workers.audio.wav.SampleEncoding;
import io.concierge.workers.audio.wav.WavFormat;
import io.concierge.workers.audio.wav.WavReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code audio.normalize} end to end: levels checked by ffmpeg, formats kept, failures explained. */
class LoudnessNormalizeWorkerTest {

    @TempDir
    Path dir;

    private final LoudnessNormalizeWorker worker = new LoudnessNormalizeWorker();

    private WorkerTestContext.Builder job(Path wav) {
        return WorkerTestContext.builder(dir.resolve("job")).input("audio_file", wav);
    }

    private WorkerResult run(WorkerContext ctx) throws Exception {
        worker.validate(ctx);
        return worker.execute(ctx);
    }

    @Test
    void describesItself() {
        assertThat(worker.descriptor().id()).isEqualTo("audio.normalize");
        assertThat(worker.descriptor().version()).isEqualTo("1.1.0");
        assertThat(worker.descriptor().inputs()).containsExactly("audio_file");
        assertThat(worker.descriptor().params()).containsExactly("target_loudness", "true_peak", "format");
        assertThat(worker.descriptor().outputs()).containsExactly("audio", "report");
    }

    @Test
    void serviceLoaderFindsBothAudioWorkers() {
        assertThat(ServiceLoader.load(Worker.class).stream().map(p -> p.type().getName()))
                .contains(LoudnessNormalizeWorker.class.getName(), AudioEncodeWorker.class.getName());
    }

    @Test
    void normalizesToTheTargetAsFfmpegMeasuresItAndReportsWhatItDid() throws Exception {
        assertTrue(Ffmpeg.available(), "ffmpeg is not on the PATH: install ffmpeg (apt-get install -y ffmpeg); this test fails rather than skip");
        Path input = Signals.write(dir.resolve("episode 12.wav"), WavFormat.pcm(2, 48000, 16),
                Signals.pinkNoise(48000, 2, 12, -32, 21));
        WorkerTestContext ctx = job(input).param("target_loudness", "-16 LUFS").build();

        WorkerResult result = run(ctx);

        Path audio = result.outputs().get("audio");
        Path report = result.outputs().get("report");
        assertThat(audio).isEqualTo(ctx.artifactsDir().resolve("episode 12-normalized.wav"));
        assertThat(report).isEqualTo(ctx.artifactsDir().resolve("episode 12-loudness.json"));
        Ffmpeg.Ebur128 measured = Ffmpeg.ebur128(audio);
        assertThat(measured.integratedLufs()).isCloseTo(-16.0, within(0.5));
        assertThat(measured.truePeakDbtp()).isLessThanOrEqualTo(-1.0);
        assertThat(WavReader.probe(audio).format()).isEqualTo(WavReader.probe(input).format());
        assertThat(WavReader.probe(audio).frameCount()).isEqualTo(WavReader.probe(input).frameCount());

        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("input_file").asText()).isEqualTo("episode 12.wav");
        assertThat(json.get("target_lufs").asDouble()).isEqualTo(-16.0);
        assertThat(json.get("ceiling_dbtp").asDouble()).isEqualTo(-1.0);
        assertThat(json.get("sample_rate").asInt()).isEqualTo(48000);
        assertThat(json.get("channels").asInt()).isEqualTo(2);
        assertThat(json.get("duration_seconds").asDouble()).isCloseTo(12.0, within(0.01));
        assertThat(json.get("output").get("integrated_lufs").asDouble()).isCloseTo(-16.0, within(0.05));
        assertThat(json.get("input").get("integrated_lufs").asDouble()).isCloseTo(-16.0 - json.get("gain_db").asDouble(), within(0.02));
        assertThat(json.get("input").get("loudness_range_lu").isNumber()).isTrue();
        assertThat(json.get("output").get("true_peak_dbtp").asDouble()).isLessThanOrEqualTo(-1.0);
        assertThat(json.get("limiter").get("applied").asBoolean()).isFalse();
        assertThat(json.get("target_met").asBoolean()).isTrue();
        assertThat(json.get("dither").asText()).isEqualTo("tpdf");
        assertThat(json.get("clipped_samples").asLong()).isZero();
        JsonNode series = json.get("series");
        assertThat(series.get("points").asInt()).isEqualTo(120);
        assertThat(series.get("interval_seconds").asDouble()).isEqualTo(0.1);
        assertThat(series.get("downsampled").asBoolean()).isFalse();
        assertThat(series.get("input").get("short_term_lufs")).hasSize(120);
        assertThat(series.get("input").get("short_term_lufs").get(28).isNull()).isTrue();
        double gain = json.get("gain_db").asDouble();
        for (int i = 29; i < 120; i++) {
            // pink noise is steady: every 3 s reading is near the integrated loudness, and the
            // output's is the input's moved by the gain
            double in = series.get("input").get("short_term_lufs").get(i).asDouble();
            double out = series.get("output").get("short_term_lufs").get(i).asDouble();
            assertThat(in).isCloseTo(json.get("input").get("integrated_lufs").asDouble(), within(1.0));
            assertThat(out).isCloseTo(in + gain, within(0.15));
            assertThat(series.get("output").get("true_peak_dbtp").get(i).asDouble()).isLessThanOrEqualTo(-1.0);
        }
        assertThat(series.get("limiter_reduction_db")).hasSize(120).allMatch(v -> v.asDouble() == 0.0);

        assertThat(result.metrics()).containsKeys("input_lufs", "output_lufs", "gain_db", "true_peak_dbtp");
        assertThat((double) result.metrics().get("output_lufs")).isCloseTo(-16.0, within(0.05));
        assertThat((double) result.metrics().get("gain_db")).isGreaterThan(5.0);
        assertThat(ctx.progressFractions()).isSorted().last().isEqualTo(1.0);
    }

    /**
     * Short broadband bursts, standing 20 dB over a pink-noise bed: their peaks fall anywhere
     * between samples, and at 44.1 kHz ffmpeg's meter (which resamples to 192 kHz) looks at other
     * points between them than a 4x meter does. Normalized loud, ffmpeg must still read the
     * ceiling or less.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"44100, 16", "44100, 24", "48000, 16"})
    void peakyBurstsMeetTheCeilingAsFfmpegMeasuresIt(int rate, int bits) throws Exception {
        assertTrue(Ffmpeg.available(), "ffmpeg is not on the PATH: install ffmpeg (apt-get install -y ffmpeg); this test fails rather than skip");
        double[] signal = Signals.pinkNoise(rate, 2, 10, -38, 7);
        java.util.SplittableRandom random = new java.util.SplittableRandom(10);
        for (int start = rate / 5; start < rate * 10 - rate / 50; start += rate / 3) {
            for (int j = 0; j < rate / 200; j++) {
                double v = 0.4 * (2 * random.nextDouble() - 1);
                signal[2 * (start + j)] += v;
                signal[2 * (start + j) + 1] += v;
            }
        }
        Path input = Signals.write(dir.resolve("bursts.wav"), WavFormat.pcm(2, rate, bits), signal);
        WorkerTestContext ctx = job(input).param("target_loudness", "-14").param("true_peak", "-1").build();

        WorkerResult result = run(ctx);

        assertThat(result.metrics()).containsEntry("limiter_applied", true);
        // ffmpeg prints one decimal: -1.0 is the ceiling, -0.9 would be over it.
        assertThat(Ffmpeg.ebur128(result.outputs().get("audio")).truePeakDbtp()).isLessThanOrEqualTo(-1.0);
    }

    @Test
    void loudTargetOnPeakyMaterialEngagesTheLimiterAndStillMeetsTheCeiling() throws Exception {
        assertTrue(Ffmpeg.available(), "ffmpeg is not on the PATH: install ffmpeg (apt-get install -y ffmpeg); this test fails rather than skip");
        Path input = Signals.write(dir.resolve("drums.wav"), WavFormat.pcm(2, 48000, 24),
                Signals.crestyProgramme(48000, 2, 12, 22));
        WorkerTestContext ctx = job(input).param("target_loudness", -9).param("true_peak", "-1 dBTP").build();

        WorkerResult result = run(ctx);

        Ffmpeg.Ebur128 measured = Ffmpeg.ebur128(result.outputs().get("audio"));
        assertThat(measured.integratedLufs()).isCloseTo(-9.0, within(0.5));
        assertThat(measured.truePeakDbtp()).isLessThanOrEqualTo(-1.0);
        JsonNode limiter = new ObjectMapper().readTree(result.outputs().get("report").toFile()).get("limiter");
        assertThat(limiter.get("applied").asBoolean()).isTrue();
        assertThat(limiter.get("max_gain_reduction_db").asDouble()).isGreaterThan(1.0);
        assertThat(limiter.get("threshold_dbtp").asDouble()).isLessThan(-1.0);
        assertThat(limiter.get("note").asText()).contains("limited by up to");
        JsonNode reduction = new ObjectMapper().readTree(result.outputs().get("report").toFile())
                .at("/series/limiter_reduction_db");
        double largest = 0;
        for (JsonNode v : reduction) {
            largest = Math.max(largest, v.asDouble());
        }
        // the series shows where it acted, and its largest value is the report's figure
        assertThat(largest).isCloseTo(limiter.get("max_gain_reduction_db").asDouble(), within(0.06));
        assertThat(reduction).anyMatch(v -> v.asDouble() == 0.0);
        assertThat(result.metrics().get("limiter_applied")).isEqualTo(true);
    }

    static Stream<WavFormat> formats() {
        return Stream.of(
                WavFormat.float32(1, 44100),
                WavFormat.pcm(2, 96000, 32),
                new WavFormat(SampleEncoding.PCM_INTEGER, 6, 48000, 24, true, 0x60F));
    }

    @ParameterizedTest
    @MethodSource("formats")
    void keepsTheInputFormat(WavFormat format) throws Exception {
        double[] signal = Signals.pinkNoise(format.sampleRate(), format.channels(), 5, -30, 23);
        Path input = Signals.write(dir.resolve("in.wav"), format, signal);

        WorkerResult result = run(job(input).param("target_loudness", -20).build());

        Path audio = result.outputs().get("audio");
        assertThat(WavReader.probe(audio).format()).isEqualTo(format);
        LoudnessMeasurement output = new LoudnessMeter().measure(audio);
        assertThat(output.integratedLufs()).isCloseTo(-20.0, within(0.05));
        assertThat(output.truePeakDbtp()).isLessThanOrEqualTo(-1.0);
    }

    @Test
    void silenceIsUnmeasurableWithAClearMessage() throws Exception {
        Path input = Signals.write(dir.resolve("silence.wav"), WavFormat.pcm(2, 48000, 16), new double[48000 * 2 * 3]);
        WorkerTestContext ctx = job(input).build();
        worker.validate(ctx);

        assertThatThrownBy(() -> worker.execute(ctx))
                .isInstanceOfSatisfying(WorkerFailure.class, f -> assertThat(f.type()).isEqualTo("input.unmeasurable"))
                .hasMessageContaining("audio_file").hasMessageContaining("silence.wav").hasMessageContaining("silent");
        assertThat(ctx.artifactsDir()).isEmptyDirectory();
    }

    @Test
    void audioShorterThanOneBlockIsUnmeasurable() throws Exception {
        Path input = Signals.write(dir.resolve("blip.wav"), WavFormat.pcm(1, 48000, 16),
                Signals.sine(48000, 1, 0.3, 1000, -10));

        assertThatThrownBy(() -> worker.validate(job(input).build()))
                .isInstanceOfSatisfying(WorkerFailure.class, f -> assertThat(f.type()).isEqualTo("input.unmeasurable"))
                .hasMessageContaining("blip.wav").hasMessageContaining("shorter than one 400 ms");
    }

    @Test
    void aFileThatIsNotWavIsRejectedBeforeAnyWork() throws Exception {
        Path input = Files.writeString(dir.resolve("notes.wav"), "these are my show notes, not audio", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> worker.validate(job(input).build()))
                .isInstanceOfSatisfying(WorkerFailure.class, f -> assertThat(f.type()).isEqualTo("input.invalid"))
                .hasMessageContaining("input audio_file").hasMessageContaining("notes.wav")
                .hasMessageContaining("not a WAV file");
    }

    @Test
    void eightBitAudioIsRejectedNamingTheFormat() throws Exception {
        byte[] header = {'R', 'I', 'F', 'F', 44, 0, 0, 0, 'W', 'A', 'V', 'E', 'f', 'm', 't', ' ', 16, 0, 0, 0,
            1, 0, 1, 0, 0x40, 0x1F, 0, 0, 0x40, 0x1F, 0, 0, 1, 0, 8, 0, 'd', 'a', 't', 'a', 8, 0, 0, 0,
            (byte) 128, (byte) 200, 50, (byte) 128, (byte) 128, (byte) 128, (byte) 128, (byte) 128};
        Path input = Files.write(dir.resolve("old.wav"), header);

        assertThatThrownBy(() -> worker.validate(job(input).build()))
                .isInstanceOfSatisfying(WorkerFailure.class, f -> assertThat(f.type()).isEqualTo("input.invalid"))
                .hasMessageContaining("old.wav").hasMessageContaining("8-bit PCM, which is not supported");
    }

    @Test
    void paramsOutOfRangeOrInTheWrongUnitAreRejected() throws Exception {
        Path input = Signals.write(dir.resolve("tone.wav"), WavFormat.pcm(1, 48000, 16), Signals.sine(48000, 1, 1, 1000, -20));

        assertThatThrownBy(() -> worker.validate(job(input).param("target_loudness", "+5").build()))
                .isInstanceOfSatisfying(WorkerFailure.class, f -> assertThat(f.type()).isEqualTo("input.invalid"))
                .hasMessageContaining("target_loudness").hasMessageContaining("between -60 and 0");
        assertThatThrownBy(() -> worker.validate(job(input).param("true_peak", "-1 kbps").build()))
                .isInstanceOf(WorkerFailure.class).hasMessageContaining("true_peak").hasMessageContaining("kbps");
        assertThatThrownBy(() -> worker.validate(job(input).param("true_peak", "loud").build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("true_peak");
    }

    @Test
    void haltingStopsTheWorkAndLeavesNoOutput() throws Exception {
        Path input = Signals.write(dir.resolve("long.wav"), WavFormat.pcm(2, 48000, 16),
                Signals.pinkNoise(48000, 2, 20, -20, 24));
        WorkerTestContext ctx = job(input).haltAfterProgress(5).build();
        worker.validate(ctx);

        assertThatThrownBy(() -> worker.execute(ctx)).isInstanceOf(WorkerContext.HaltedException.class);

        List<Double> progress = ctx.progressFractions();
        assertThat(progress).hasSize(5);
        assertThat(progress.get(4)).isLessThan(0.2);
        assertThat(ctx.artifactsDir()).isEmptyDirectory();
    }
}
