package io.concierge.workers.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerResult;
import io.concierge.testkit.WorkerTestContext;
import io.concierge.workers.audio.wav.WavFormat;
import io.concierge.workers.audio.wav.WavReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code audio.encode} end to end: every format decoded back by ffmpeg, and every way it can fail. */
class AudioEncodeWorkerTest {

    @TempDir
    Path dir;

    private Path stereo;

    @BeforeEach
    void input() throws IOException {
        stereo = Signals.write(dir.resolve("song.wav"), WavFormat.pcm(2, 44100, 16),
                Signals.mix(Signals.pinkNoise(44100, 2, 2, -24, 31), Signals.sine(44100, 2, 2, 440, -12)));
    }

    private WorkerTestContext.Builder job(Path wav) {
        return WorkerTestContext.builder(dir.resolve("job")).input("audio_file", wav);
    }

    private static WorkerResult run(AudioEncodeWorker worker, WorkerContext ctx) throws Exception {
        worker.validate(ctx);
        return worker.execute(ctx);
    }

    @Test
    void describesItself() {
        AudioEncodeWorker worker = new AudioEncodeWorker();
        assertThat(worker.descriptor().id()).isEqualTo("audio.encode");
        assertThat(worker.descriptor().version()).isEqualTo("1.2.0");
        assertThat(worker.descriptor().inputs()).containsExactly("audio_file");
        assertThat(worker.descriptor().params()).containsExactly("format", "bitrate", "mode", "quality");
        assertThat(worker.descriptor().outputs()).containsExactly("audio", "spectrum");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "mp3, cbr, 192, mp3",
        "mp3, vbr, 192, mp3",
        "flac, cbr, 192, flac",
        "ogg, cbr, 160, vorbis",
        "ogg, vbr, 192, vorbis"})
    void encodesToAFileFfmpegDecodesToTheSameLength(String format, String mode, int bitrate, String codec) throws Exception {
        assertTrue(Ffmpeg.available(), "ffmpeg is not on the PATH: install ffmpeg (apt-get install -y ffmpeg); this test fails rather than skip");
        WorkerTestContext ctx = job(stereo).param("format", format).param("mode", mode).param("bitrate", bitrate).build();

        WorkerResult result = run(new AudioEncodeWorker(), ctx);

        Path audio = result.outputs().get("audio");
        assertThat(audio).isEqualTo(ctx.artifactsDir().resolve("song." + format)).isNotEmptyFile();
        Ffmpeg.Probe probe = Ffmpeg.probe(audio);
        assertThat(probe.codec()).isEqualTo(codec);
        assertThat(probe.channels()).isEqualTo(2);
        assertThat(Ffmpeg.decodedDurationSeconds(audio, dir)).isCloseTo(2.0, within(0.05));
        assertThat(result.metrics()).containsEntry("format", format).containsEntry("codec", codec);
        assertThat(ctx.artifactsDir()).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".part"));
    }

    @Test
    void constantBitRateMp3HasTheRequestedBitRate() throws Exception {
        // Quality 7 only speeds the encoder up; a CBR stream has the same size at any effort.
        WorkerResult result = run(new AudioEncodeWorker(), job(stereo).param("bitrate", "128 kbps").param("quality", 7).build());

        // Payload of 2 s at 128 kbit/s, plus one header frame and the encoder's padding.
        assertThat((long) result.metrics().get("bitrate_kbps")).isBetween(127L, 140L);
    }

    @Test
    void flacIsLossless() throws Exception {
        assertTrue(Ffmpeg.available(), "ffmpeg is not on the PATH: install ffmpeg (apt-get install -y ffmpeg); this test fails rather than skip");
        Path input = Signals.write(dir.resolve("master.wav"), WavFormat.pcm(1, 48000, 24), Signals.pinkNoise(48000, 1, 1, -18, 32));

        WorkerResult result = run(new AudioEncodeWorker(), job(input).param("format", "FLAC").build());

        Path decoded = Ffmpeg.decode(result.outputs().get("audio"), dir.resolve("decoded.wav"));
        assertThat(readAll(decoded)).isEqualTo(readAll(input));
    }

    @Test
    void theSpectrumShowsTheLowPassOfALowBitrate() throws Exception {
        assertTrue(Ffmpeg.available(), "ffmpeg is not on the PATH: install ffmpeg (apt-get install -y ffmpeg); this test fails rather than skip");
        Path noise = Signals.write(dir.resolve("noise.wav"), WavFormat.pcm(2, 44100, 16),
                Signals.whiteNoise(44100, 2, 4, -20, 9));

        WorkerResult low = run(new AudioEncodeWorker(), WorkerTestContext.builder(dir.resolve("low"))
                .input("audio_file", noise).param("bitrate", 48).build());
        WorkerResult high = run(new AudioEncodeWorker(), WorkerTestContext.builder(dir.resolve("high"))
                .input("audio_file", noise).param("bitrate", 320).build());

        JsonNode lowSpectrum = new ObjectMapper().readTree(low.outputs().get("spectrum").toFile());
        JsonNode highSpectrum = new ObjectMapper().readTree(high.outputs().get("spectrum").toFile());
        assertThat(low.outputs().get("spectrum").getFileName()).hasToString("noise-spectrum.json");
        assertThat(lowSpectrum.get("kind").asText()).isEqualTo("audio-spectrum");
        assertThat(lowSpectrum.get("frequencies_hz")).hasSize(120);
        assertThat(lowSpectrum.get("input_db")).hasSize(120);
        assertThat(lowSpectrum.get("output_db")).hasSize(120);
        // white noise is flat: its bands read about the same level all the way up
        double first = lowSpectrum.get("input_db").get(60).asDouble();
        assertThat(lowSpectrum.get("input_db").get(115).asDouble()).isCloseTo(first, within(3.0));
        // 48 kbit/s cannot keep the top octave; 320 keeps nearly all of it
        double lowBandwidth = lowSpectrum.get("bandwidth_hz").asDouble();
        double highBandwidth = highSpectrum.get("bandwidth_hz").asDouble();
        assertThat(lowBandwidth).isLessThan(15000);
        assertThat(highBandwidth).isGreaterThan(17000).isGreaterThan(lowBandwidth);

        Path withoutFfmpeg = run(new AudioEncodeWorker(""), WorkerTestContext.builder(dir.resolve("none"))
                .input("audio_file", noise).build()).outputs().get("spectrum");
        JsonNode alone = new ObjectMapper().readTree(withoutFfmpeg.toFile());
        assertThat(alone.get("output_db").isNull()).isTrue();
        assertThat(alone.get("unavailable").asText()).contains("needs ffmpeg");
        assertThat(alone.get("input_db")).hasSize(120);
    }

    @Test
    void mp3FromWideOrFloatInputAndMonoNeedsNoExternalTool() throws Exception {
        Path floatStereo = Signals.write(dir.resolve("float.wav"), WavFormat.float32(2, 48000),
                Signals.sine(48000, 2, 1, 1000, 3)); // over full scale: must clip, not wrap
        Path mono = Signals.write(dir.resolve("mono.wav"), WavFormat.pcm(1, 22050, 24), Signals.sine(22050, 1, 1.5, 300, -6));
        AudioEncodeWorker noTools = new AudioEncodeWorker("");

        Path a = run(noTools, job(floatStereo).param("quality", 7).build()).outputs().get("audio");
        Path b = run(noTools, job(mono).param("mode", "vbr").param("quality", 7).build()).outputs().get("audio");

        assertThat(a).isNotEmptyFile();
        assertThat(b).isNotEmptyFile();
        if (Ffmpeg.available()) {
            assertThat(Ffmpeg.probe(b).channels()).isEqualTo(1);
            assertThat(Ffmpeg.decodedDurationSeconds(b, dir)).isCloseTo(1.5, within(0.05));
            // A 1 kHz sine at +3 dBFS clipped at full scale: the decoded peak stays near 0 dBFS.
            assertThat(new LoudnessMeter().measure(Ffmpeg.decode(a, dir.resolve("a.wav"))).samplePeakDbfs())
                    .isBetween(-1.0, 1.5);
        }
    }

    @Test
    void unknownFormatListsTheSupportedOnes() {
        assertThatThrownBy(() -> new AudioEncodeWorker().validate(job(stereo).param("format", "aac").build()))
                .isInstanceOfSatisfying(WorkerFailure.class, f -> assertThat(f.type()).isEqualTo("input.invalid"))
                .hasMessageContaining("'aac'").hasMessageContaining("mp3, flac, ogg");
    }

    @Test
    void badModeBitrateOrQualityIsRejected() {
        AudioEncodeWorker worker = new AudioEncodeWorker();
        assertThatThrownBy(() -> worker.validate(job(stereo).param("mode", "abr").build()))
                .isInstanceOf(WorkerFailure.class).hasMessageContaining("mode must be cbr or vbr");
        assertThatThrownBy(() -> worker.validate(job(stereo).param("bitrate", 1000).build()))
                .isInstanceOf(WorkerFailure.class).hasMessageContaining("bitrate must be between 32 and 320");
        assertThatThrownBy(() -> worker.validate(job(stereo).param("bitrate", "5 Mbps").build()))
                .isInstanceOf(WorkerFailure.class).hasMessageContaining("bitrate is in Mbps");
        assertThatThrownBy(() -> worker.validate(job(stereo).param("quality", 12).build()))
                .isInstanceOf(WorkerFailure.class).hasMessageContaining("quality must be 0 (best) to 9");
    }

    @Test
    void mp3CannotHoldSurroundButFlacCan() throws Exception {
        Path surround = Signals.write(dir.resolve("film.wav"), WavFormat.pcm(6, 48000, 16), Signals.pinkNoise(48000, 6, 1, -20, 33));

        assertThatThrownBy(() -> new AudioEncodeWorker().validate(job(surround).build()))
                .isInstanceOfSatisfying(WorkerFailure.class, f -> assertThat(f.type()).isEqualTo("input.invalid"))
                .hasMessageContaining("6 channels").hasMessageContaining("use format flac or ogg");
        assertTrue(Ffmpeg.available(), "ffmpeg is not on the PATH: install ffmpeg (apt-get install -y ffmpeg); this test fails rather than skip");
        Path flac = run(new AudioEncodeWorker(), job(surround).param("format", "flac").build()).outputs().get("audio");
        assertThat(Ffmpeg.probe(flac).channels()).isEqualTo(6);
    }

    @Test
    void missingFfmpegIsAToolMissingFailureSayingHowToInstallIt() {
        AudioEncodeWorker worker = new AudioEncodeWorker(dir.resolve("empty-bin") + ":relative/bin::");

        for (String format : new String[] {"flac", "ogg"}) {
            assertThatThrownBy(() -> worker.validate(job(stereo).param("format", format).build()))
                    .isInstanceOfSatisfying(WorkerFailure.class, f -> {
                        assertThat(f.type()).isEqualTo("tool.missing");
                        assertThat(f.retryable()).isFalse();
                    })
                    .hasMessageContaining("ffmpeg").hasMessageContaining("apt-get install ffmpeg")
                    .hasMessageContaining(format);
        }
    }

    @Test
    void aFileNameStartingWithADashIsNotTakenForAnOption() throws Exception {
        assertTrue(Ffmpeg.available(), "ffmpeg is not on the PATH: install ffmpeg (apt-get install -y ffmpeg); this test fails rather than skip");
        Path dashed = Files.copy(stereo, dir.resolve("-y -f null.wav"));

        WorkerResult result = run(new AudioEncodeWorker(), job(dashed).param("format", "ogg").build());

        assertThat(result.outputs().get("audio").getFileName().toString()).isEqualTo("-y -f null.ogg");
        assertThat(Ffmpeg.probe(result.outputs().get("audio")).codec()).isEqualTo("vorbis");
    }

    @Test
    void ffmpegFailureBecomesToolFailedWithItsErrorOutput() throws Exception {
        Path bin = fakeFfmpeg("echo 'Unknown encoder libvorbis' >&2\nexit 1\n");

        assertThatThrownBy(() -> run(new AudioEncodeWorker(bin.toString()), job(stereo).param("format", "ogg").build()))
                .isInstanceOfSatisfying(WorkerFailure.class, f -> assertThat(f.type()).isEqualTo("tool.failed"))
                .hasMessageContaining("exited with code 1").hasMessageContaining("Unknown encoder libvorbis");
    }

    @Test
    void haltingStopsFfmpegAndLeavesNoOutput() throws Exception {
        Path pidFile = dir.resolve("ffmpeg.pid");
        // Reports some progress as ffmpeg does, then hangs: the halt after two reports must kill it.
        Path bin = fakeFfmpeg("echo $$ > '" + pidFile + "'\nfor t in 100000 200000 300000; do echo out_time_us=$t; done\n"
                + "exec sleep 30\n");
        WorkerTestContext ctx = job(stereo).param("format", "flac").haltAfterProgress(2).build();
        AudioEncodeWorker worker = new AudioEncodeWorker(bin.toString());
        worker.validate(ctx);

        long started = System.nanoTime();
        assertThatThrownBy(() -> worker.execute(ctx)).isInstanceOf(WorkerContext.HaltedException.class);

        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10);
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(ctx.artifactsDir()).isEmptyDirectory();
    }

    @Test
    void haltingStopsAnMp3Encode() throws Exception {
        WorkerTestContext ctx = job(stereo).haltAfterProgress(3).build();

        assertThatThrownBy(() -> run(new AudioEncodeWorker(""), ctx)).isInstanceOf(WorkerContext.HaltedException.class);
        assertThat(ctx.artifactsDir()).isEmptyDirectory();
    }

    /** A directory with an executable {@code ffmpeg} shell script running {@code body}. */
    private Path fakeFfmpeg(String body) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("fake-bin"));
        Path script = bin.resolve("ffmpeg");
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private static double[] readAll(Path wav) throws IOException {
        try (WavReader reader = WavReader.open(wav)) {
            int channels = reader.info().format().channels();
            double[] all = new double[(int) reader.info().frameCount() * channels];
            reader.read(all, (int) reader.info().frameCount());
            return all;
        }
    }
}
