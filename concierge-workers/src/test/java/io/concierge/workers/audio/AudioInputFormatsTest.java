package io.concierge.workers.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerResult;
import io.concierge.testkit.WorkerContract;
import io.concierge.testkit.WorkerTestContext;
import io.concierge.workers.audio.wav.SampleEncoding;
import io.concierge.workers.audio.wav.WavFormat;
import io.concierge.workers.audio.wav.WavReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * audio.normalize and audio.encode on MP3, FLAC, M4A/AAC, Ogg Vorbis and Opus inputs, made by
 * ffmpeg from a generated WAV and decoded through ffmpeg by the workers.
 */
class AudioInputFormatsTest {

    private static final double SECONDS = 6.0;

    @TempDir
    Path dir;

    private Path source;

    @BeforeEach
    void makeSource() throws IOException {
        assertTrue(Ffmpeg.available(), "ffmpeg is not on the PATH: install ffmpeg (apt-get install -y ffmpeg); this test fails rather than skip");
        source = Signals.write(dir.resolve("source.wav"), WavFormat.pcm(2, 48_000, 16),
                Signals.crestyProgramme(48_000, 2, SECONDS, 5));
    }

    /** Encodes the generated source with ffmpeg into {@code name}. */
    private Path encoded(String name, String... codecArgs) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of(Ffmpeg.ffmpeg().orElseThrow().toString(), "-v", "error", "-y",
                "-i", source.toString()));
        command.addAll(List.of(codecArgs));
        command.add(out.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        return out;
    }

    private WorkerTestContext.Builder job(Path input) {
        return WorkerTestContext.builder(dir.resolve("job")).input("audio_file", input);
    }

    private static WorkerResult run(io.concierge.api.worker.Worker worker, WorkerContext ctx) throws Exception {
        worker.validate(ctx);
        return worker.execute(ctx);
    }

    @ParameterizedTest
    @CsvSource({
        "lecture.mp3, -c:a libmp3lame -b:a 192k, MP3",
        "lecture.flac, -c:a flac, FLAC",
        "lecture.m4a, -c:a aac -b:a 192k, M4A/AAC",
        "lecture.ogg, -c:a libvorbis -q:a 6, Ogg Vorbis",
        "lecture.opus, -c:a libopus -b:a 128k, Opus",
    })
    void normalizesEachFormatToA24BitWavAtTheTarget(String name, String codecArgs, String label) throws Exception {
        Path input = encoded(name, codecArgs.split(" "));
        WorkerTestContext ctx = job(input).param("target_loudness", "-16").build();

        WorkerResult result = run(new LoudnessNormalizeWorker(), ctx);

        Path audio = result.outputs().get("audio");
        assertThat(audio).isEqualTo(ctx.artifactsDir().resolve("lecture-normalized.wav"));
        WavFormat format = WavReader.probe(audio).format();
        assertThat(format.encoding()).isEqualTo(SampleEncoding.PCM_INTEGER);
        assertThat(format.bitsPerSample()).isEqualTo(24);
        assertThat(format.channels()).isEqualTo(2);
        assertThat(WavReader.probe(audio).durationSeconds()).isCloseTo(SECONDS, within(0.1));
        Ffmpeg.Ebur128 measured = Ffmpeg.ebur128(audio);
        assertThat(measured.integratedLufs()).isCloseTo(-16.0, within(0.5));
        assertThat(measured.truePeakDbtp()).isLessThanOrEqualTo(-1.0);
        assertThat(result.metrics()).containsEntry("input_format", label).containsEntry("output_format", "wav");
        assertThat(ctx.progressFractions()).isSorted().last().isEqualTo(1.0);
        assertThat(ctx.artifactsDir()).isDirectoryContaining(p -> p.getFileName().toString().equals("lecture-loudness.json"));
        assertThat(Files.list(ctx.scratchDir())).as("the decoded copy is gone").isEmpty();
    }

    @Test
    void normalizesAnMp3IntoAnMp3WhenAsked() throws Exception {
        Path input = encoded("lecture.mp3", "-c:a", "libmp3lame", "-b:a", "192k");
        WorkerTestContext ctx = job(input).param("format", "mp3").param("true_peak", "-2").build();

        WorkerResult result = run(new LoudnessNormalizeWorker(), ctx);

        Path audio = result.outputs().get("audio");
        assertThat(audio).isEqualTo(ctx.artifactsDir().resolve("lecture-normalized.mp3"));
        assertThat(Ffmpeg.probe(audio).codec()).isEqualTo("mp3");
        assertThat(Ffmpeg.ebur128(audio).integratedLufs()).isCloseTo(-14.0, within(0.7));
        assertThat(ctx.artifactsDir()).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".wav"));
        assertThat(ctx.progressFractions()).isSorted().last().isEqualTo(1.0);
    }

    @Test
    void encodesA128kMp3OfAFlacFile() throws Exception {
        Path input = encoded("talk.flac", "-c:a", "flac");
        WorkerTestContext ctx = job(input).param("format", "mp3").param("bitrate", "128k").build();

        WorkerResult result = run(new AudioEncodeWorker(), ctx);

        Path audio = result.outputs().get("audio");
        assertThat(audio).isEqualTo(ctx.artifactsDir().resolve("talk.mp3"));
        Ffmpeg.Probe probe = Ffmpeg.probe(audio);
        assertThat(probe.codec()).isEqualTo("mp3");
        assertThat(probe.channels()).isEqualTo(2);
        assertThat(Ffmpeg.decodedDurationSeconds(audio, dir)).isCloseTo(SECONDS, within(0.1));
        assertThat(result.metrics()).containsEntry("input_format", "FLAC");
        // CBR 128 kbit/s, give or take the frame padding over a few seconds (the default would be 192).
        assertThat((long) result.metrics().get("bitrate_kbps")).isBetween(126L, 131L);
    }

    @Test
    void reEncodingAnArtifactNeverOverwritesIt() throws Exception {
        WorkerTestContext ctx = job(source).param("format", "ogg").build();
        Path ogg = Files.copy(encoded("song.ogg", "-c:a", "libvorbis"), ctx.artifactsDir().resolve("song.ogg"));
        byte[] before = Files.readAllBytes(ogg);
        WorkerTestContext again = job(ogg).param("format", "ogg").param("bitrate", "96").build();

        WorkerResult result = run(new AudioEncodeWorker(), again);

        assertThat(result.outputs().get("audio")).isEqualTo(again.artifactsDir().resolve("song-encoded.ogg"));
        assertThat(Files.readAllBytes(ogg)).isEqualTo(before);
    }

    @Test
    void aFileThatDoesNotDecodeIsAnInvalidInputNamingTheFormat() throws Exception {
        Path bogus = Files.write(dir.resolve("broken.m4a"), "not audio at all".repeat(100).getBytes());
        WorkerTestContext ctx = job(bogus).build();

        assertThatThrownBy(() -> run(new LoudnessNormalizeWorker(), ctx)).isInstanceOfSatisfying(WorkerFailure.class,
                        f -> assertThat(f.type()).isEqualTo("input.invalid"))
                .hasMessageContaining("input audio_file: broken.m4a could not be decoded as M4A/AAC")
                .hasMessageContaining("ffmpeg:");
        assertThat(ctx.artifactsDir()).isEmptyDirectory();
    }

    @Test
    void withoutFfmpegAnMp3IsRefusedBeforeAnyWorkSayingWhatToInstall() throws Exception {
        Path input = encoded("lecture.mp3", "-c:a", "libmp3lame");
        WorkerTestContext ctx = job(input).build();

        for (io.concierge.api.worker.Worker worker : List.of(new LoudnessNormalizeWorker(""), new AudioEncodeWorker(""))) {
            assertThatThrownBy(() -> worker.validate(ctx)).isInstanceOfSatisfying(WorkerFailure.class,
                            f -> assertThat(f.type()).isEqualTo("tool.missing"))
                    .hasMessageContaining("ffmpeg is needed to decode MP3 file lecture.mp3")
                    .hasMessageContaining("apt-get install ffmpeg");
        }
        assertThat(ctx.artifactsDir()).isEmptyDirectory();
    }

    @Test
    void normalizingAnMp3KeepsTheWorkerContract() throws Exception {
        WorkerContract.forWorker(new LoudnessNormalizeWorker())
                .withInputFile("audio_file", encoded("lecture.mp3", "-c:a", "libmp3lame"))
                .withParam("format", "flac").check();
    }
}
