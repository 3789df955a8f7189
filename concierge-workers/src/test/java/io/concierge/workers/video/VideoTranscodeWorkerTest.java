package io.concierge.workers.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.worker.WorkerContext.HaltedException;
import io.concierge.api.worker.WorkerResult;
import io.concierge.workers.process.ProcessTree;
import io.concierge.testkit.WorkerTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VideoTranscodeWorkerTest {

    private static final double CLIP_SECONDS = 4;
    private static final double TARGET_KBPS = 500;

    @TempDir
    static Path media;
    private static Path clip;

    @TempDir
    Path dir;

    private final VideoTranscodeWorker worker = new VideoTranscodeWorker();

    @BeforeAll
    static void makeClip() throws Exception {
        // A leading '-' proves the input is never taken for an ffmpeg option.
        clip = TestMedia.noisyClip(media.resolve("-clip.mkv"), CLIP_SECONDS);
    }

    @Test
    void describesItself() {
        assertThat(worker.descriptor().id()).isEqualTo("video.transcode");
        assertThat(worker.descriptor().version()).isEqualTo("1.1.0");
        assertThat(worker.descriptor().inputs()).containsExactly("video_file");
        assertThat(worker.descriptor().params()).containsExactly("format", "bitrate", "resolution");
        assertThat(worker.descriptor().outputs()).containsExactly("video", "preview");
    }

    @Test
    void transcodesToH264AndAacInMp4AtTheTargetBitrate() throws Exception {
        WorkerTestContext ctx = context(clip).param("format", "mp4").param("bitrate", "500").build();

        worker.validate(ctx);
        WorkerResult result = worker.execute(ctx);

        Path out = result.outputs().get("video");
        assertThat(out).isEqualTo(ctx.artifactsDir().resolve("-clip.mp4")).isRegularFile();
        JsonNode probe = TestMedia.probe(out);
        assertThat(probe.path("format").path("format_name").asText()).contains("mp4");
        assertThat(TestMedia.stream(probe, "video").path("codec_name").asText()).isEqualTo("h264");
        assertThat(TestMedia.stream(probe, "video").path("width").asInt()).isEqualTo(320);
        assertThat(TestMedia.stream(probe, "audio").path("codec_name").asText()).isEqualTo("aac");
        assertThat(probe.path("format").path("duration").asDouble()).isCloseTo(CLIP_SECONDS, within(0.2));
        double kbps = TestMedia.videoKbps(out);
        assertThat(kbps).isCloseTo(TARGET_KBPS, withinPercentage(15));
        assertThat(result.metrics()).containsEntry("video_codec", "h264").containsEntry("audio_codec", "aac")
                .containsEntry("size_bytes", Files.size(out)).containsEntry("target_bitrate_kbps", 500);
        assertThat((double) result.metrics().get("video_bitrate_kbps")).isCloseTo(kbps, within(0.5));
        assertThat((double) result.metrics().get("duration_seconds")).isCloseTo(CLIP_SECONDS, within(0.2));
        assertProgressClimbsToOne(ctx);

        // the preview: six thumbnails of each side, and the bitrate per second averaging the measured one
        Path previewFile = result.outputs().get("preview");
        assertThat(previewFile).isEqualTo(ctx.artifactsDir().resolve("-clip-preview.json"));
        JsonNode preview = new com.fasterxml.jackson.databind.ObjectMapper().readTree(previewFile.toFile());
        assertThat(preview.get("kind").asText()).isEqualTo("video-preview");
        assertThat(preview.at("/thumbnails/times_seconds")).hasSize(6);
        assertThat(preview.at("/thumbnails/input")).hasSize(6).allMatch(t -> t.asText().startsWith("data:image/jpeg;base64,"));
        assertThat(preview.at("/thumbnails/output")).hasSize(6).allMatch(t -> t.asText().startsWith("data:image/jpeg;base64,"));
        byte[] jpeg = java.util.Base64.getDecoder().decode(preview.at("/thumbnails/output/0").asText().substring(23));
        assertThat(jpeg[0] & 0xff).isEqualTo(0xff);
        assertThat(jpeg[1] & 0xff).isEqualTo(0xd8);
        JsonNode output = preview.at("/bitrate/output_kbps");
        assertThat(preview.at("/bitrate/interval_seconds").asDouble()).isEqualTo(1.0);
        assertThat(output).hasSize((int) Math.ceil(preview.get("duration_seconds").asDouble()));
        double bits = 0;
        for (int i = 0; i < output.size(); i++) {
            bits += output.get(i).asDouble() * Math.min(1.0, preview.get("duration_seconds").asDouble() - i);
        }
        assertThat(bits / preview.get("duration_seconds").asDouble()).isCloseTo(kbps, withinPercentage(3));
        assertThat(preview.at("/bitrate/target_kbps").asInt()).isEqualTo(500);
        assertThat(preview.at("/bitrate/input_kbps")).hasSize(output.size());
    }

    @Test
    void transcodesToVp9AndOpusInWebmWithABitrateGivenInMbps() throws Exception {
        WorkerTestContext ctx = context(clip).param("format", "WebM").param("bitrate", "0.5 Mbps").build();

        worker.validate(ctx);
        WorkerResult result = worker.execute(ctx);

        Path out = result.outputs().get("video");
        assertThat(out.getFileName()).hasToString("-clip.webm");
        JsonNode probe = TestMedia.probe(out);
        assertThat(probe.path("format").path("format_name").asText()).contains("webm");
        assertThat(TestMedia.stream(probe, "video").path("codec_name").asText()).isEqualTo("vp9");
        assertThat(TestMedia.stream(probe, "audio").path("codec_name").asText()).isEqualTo("opus");
        assertThat(probe.path("format").path("duration").asDouble()).isCloseTo(CLIP_SECONDS, within(0.2));
        assertThat(TestMedia.videoKbps(out)).isCloseTo(TARGET_KBPS, withinPercentage(15));
        assertThat(result.metrics()).containsEntry("video_codec", "vp9").containsEntry("format", "webm");
        assertProgressClimbsToOne(ctx);
    }

    @Test
    void resizesKeepingTheAspectRatioAndNeverOverwritesItsInput() throws Exception {
        // The input sits in the artifacts folder, where the output's name would clash with it.
        Path input = TestMedia.smallMp4(context(clip).build().artifactsDir().resolve("talk.mp4"));
        byte[] before = Files.readAllBytes(input);
        WorkerTestContext ctx = context(clip).input("video_file", input.toString()).param("format", "mp4")
                .param("bitrate", "200").param("resolution", "120p").build();

        WorkerResult result = worker.execute(ctx);

        Path out = result.outputs().get("video");
        assertThat(out).isEqualTo(ctx.artifactsDir().resolve("talk-transcoded.mp4"));
        JsonNode video = TestMedia.stream(TestMedia.probe(out), "video");
        assertThat(video.path("width").asInt()).isEqualTo(160);
        assertThat(video.path("height").asInt()).isEqualTo(120);
        assertThat(Files.readAllBytes(input)).isEqualTo(before);
    }

    @Test
    void cropsASourceWithOddSidesToEvenOnesAndCopesWithoutAudio() throws Exception {
        Path odd = TestMedia.oddSizedClip(dir.resolve("odd.mkv"));
        WorkerTestContext ctx = context(odd).param("bitrate", "100").build();

        WorkerResult result = worker.execute(ctx);

        JsonNode probe = TestMedia.probe(result.outputs().get("video"));
        JsonNode video = TestMedia.stream(probe, "video");
        assertThat(video.path("width").asInt()).isEqualTo(160);
        assertThat(video.path("height").asInt()).isEqualTo(120);
        assertThat(probe.path("streams")).hasSize(1);
        assertThat(result.metrics()).doesNotContainKey("audio_codec");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1280x721", "720", "big", "1280x720;rm -rf /", "-1280x720", "0x0", "99999x720", "720i",
        "1280*720", "1280 x 720", "4x4"})
    void rejectsAResolutionItCannotUse(String resolution) {
        WorkerTestContext ctx = context(clip).param("resolution", resolution).build();

        assertFailure(() -> worker.validate(ctx), "input.invalid", "param resolution", "1280x720", "720p");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fast", "0", "-500", "5 parsecs", "1e9", "10"})
    void rejectsABitrateItCannotUse(String bitrate) {
        WorkerTestContext ctx = context(clip).param("bitrate", bitrate).build();

        assertFailure(() -> worker.validate(ctx), "input.invalid", "param bitrate");
    }

    @Test
    void rejectsAnUnknownFormatListingTheSupportedOnes() {
        WorkerTestContext ctx = context(clip).param("format", "../avi").build();

        assertFailure(() -> worker.validate(ctx), "input.invalid", "param format", "mp4, webm", "'../avi'");
    }

    @Test
    void rejectsAFileThatIsNotAVideo() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "this is not a video\n");

        assertFailure(() -> worker.validate(context(text).build()), "input.invalid", "notes.mp4", "not a readable video");
    }

    @Test
    void rejectsMediaWithoutAVideoStream() throws Exception {
        Path wav = TestMedia.tone(dir.resolve("tone.wav"));

        assertFailure(() -> worker.validate(context(wav).build()), "input.invalid", "tone.wav", "no video stream");
    }

    @Test
    void rejectsAMissingFile() {
        Path missing = dir.resolve("gone.mov");

        assertFailure(() -> worker.validate(context(missing).build()), "input.invalid", "gone.mov", "does not exist");
    }

    @Test
    void saysHowToInstallFfmpegWhenItIsMissing() throws Exception {
        Path emptyBin = Files.createDirectories(dir.resolve("empty-bin"));
        VideoTranscodeWorker withoutFfmpeg = new VideoTranscodeWorker(emptyBin.toString());
        WorkerTestContext ctx = context(clip).build();

        assertFailure(() -> withoutFfmpeg.validate(ctx), "tool.missing", "ffmpeg", "apt-get install ffmpeg");
        assertFailure(() -> withoutFfmpeg.execute(ctx), "tool.missing", "ffmpeg", "apt-get install ffmpeg");
    }

    @Test
    void reportsAnFfmpegFailureWithTheEndOfItsErrorOutput() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("ffprobe"), TestMedia.FFPROBE);
        Path fakeFfmpeg = Files.writeString(bin.resolve("ffmpeg"), "#!/bin/sh\n"
                + "for i in 1 2 3 4 5 6 7 8; do echo \"stderr line $i\" >&2; done\n"
                + "echo '' >&2\n"
                + "echo '   Conversion failed!   ' >&2\n"
                + "exit 1\n");
        Files.setPosixFilePermissions(fakeFfmpeg, PosixFilePermissions.fromString("rwxr-xr-x"));
        VideoTranscodeWorker failing = new VideoTranscodeWorker(bin.toString());
        WorkerTestContext ctx = context(clip).build();
        failing.validate(ctx);

        WorkerFailure failure = assertFailure(() -> failing.execute(ctx), "tool.failed", "ffmpeg failed (exit 1)",
                "stderr line 5 | stderr line 6 | stderr line 7 | stderr line 8 | Conversion failed!");
        assertThat(failure.getMessage()).doesNotContain("stderr line 4").doesNotContain("\n");
        assertThat(failure.retryable()).isFalse();
        assertThat(ctx.artifactsDir()).isEmptyDirectory();
    }

    @Test
    void haltingALongTranscodeKillsFfmpegAndLeavesNoOutput() throws Exception {
        Path longClip = TestMedia.looped(clip, 30, dir.resolve("long.mkv"));
        AtomicBoolean halted = new AtomicBoolean();
        List<ProcessHandle> ffmpegs = new CopyOnWriteArrayList<>();
        WorkerTestContext ctx = context(longClip).haltWhen(halted::get).onProgress(p -> {
            if (p.fraction() > 0 && !halted.get()) {
                ffmpegs.addAll(runningFfmpegs());
                halted.set(true);
            }
        }).build();

        assertThatThrownBy(() -> worker.execute(ctx)).isInstanceOf(HaltedException.class);

        assertThat(ffmpegs).isNotEmpty().noneMatch(ProcessTree::isRunning);
        assertThat(runningFfmpegs()).isEmpty();
        assertThat(ctx.artifactsDir()).isEmptyDirectory();
        assertThat(ctx.progressReports()).allMatch(p -> p.fraction() < 0.3);
    }

    @Test
    void interruptingTheWorkerThreadKillsFfmpeg() throws Exception {
        Path longClip = TestMedia.looped(clip, 30, dir.resolve("long.mkv"));
        List<ProcessHandle> ffmpegs = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Thread> workerThread = new AtomicReference<>();
        WorkerTestContext ctx = context(longClip).onProgress(p -> {
            if (p.fraction() > 0 && ffmpegs.isEmpty()) {
                ffmpegs.addAll(runningFfmpegs());
                workerThread.get().interrupt();
            }
        }).build();
        Thread thread = new Thread(() -> {
            try {
                worker.execute(ctx);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        workerThread.set(thread);

        thread.start();
        thread.join();

        // An interrupted thread counts as halted, as in the runner's context.
        assertThat(thrown.get()).isInstanceOf(HaltedException.class);
        assertThat(ffmpegs).isNotEmpty().noneMatch(ProcessTree::isRunning);
        assertThat(ctx.artifactsDir()).isEmptyDirectory();
    }

    private WorkerTestContext.Builder context(Path input) {
        return WorkerTestContext.builder(dir.resolve("job")).input("video_file", input.toString());
    }

    private static List<ProcessHandle> runningFfmpegs() {
        return ProcessHandle.current().descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith("/ffmpeg")).orElse(false))
                .filter(ProcessTree::isRunning)
                .toList();
    }

    private static void assertProgressClimbsToOne(WorkerTestContext ctx) {
        List<Double> fractions = ctx.progressReports().stream().map(WorkerTestContext.Progress::fraction).toList();
        assertThat(fractions).isSorted().endsWith(1.0).anyMatch(f -> f > 0 && f < 1);
    }

    private static WorkerFailure assertFailure(ThrowingCall call, String type, String... messageParts) {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try {
            call.run();
        } catch (Throwable t) {
            thrown.set(t);
        }
        assertThat(thrown.get()).isInstanceOf(WorkerFailure.class).hasMessageContainingAll(messageParts);
        WorkerFailure failure = (WorkerFailure) thrown.get();
        assertThat(failure.type()).isEqualTo(type);
        return failure;
    }

    /** A call expected to fail. */
    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }
}
