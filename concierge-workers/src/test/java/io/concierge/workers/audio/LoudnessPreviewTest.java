package io.concierge.workers.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.concierge.api.worker.WorkerInputs;
import io.concierge.api.worker.WorkerParams;
import io.concierge.workers.audio.wav.WavFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audio.normalize}'s preview: the input measured before a plan is approved, and the gain the target needs. */
class LoudnessPreviewTest {
    @TempDir
    Path dir;

    private final LoudnessNormalizeWorker worker = new LoudnessNormalizeWorker();

    private Map<String, Object> preview(Path file, Map<String, String> params) throws Exception {
        return worker.preview(new WorkerInputs(Map.of("audio_file", file.toString())), new WorkerParams(params),
                dir.getFileSystem()).orElseThrow();
    }

    @Test
    void aWavIsMeasuredAndTheGainAndLimiterForetold() throws Exception {
        Path wav = Signals.write(dir.resolve("talk.wav"), WavFormat.pcm(2, 48000, 16), Signals.pinkNoise(48000, 2, 8, -30, 3));

        Map<String, Object> quiet = preview(wav, Map.of("target_loudness", "-16", "true_peak", "-1"));
        Map<String, Object> loud = preview(wav, Map.of("target_loudness", "-6", "true_peak", "-1"));

        assertThat(quiet).containsEntry("kind", "loudness").containsEntry("input_file", "talk.wav")
                .containsEntry("target_lufs", -16.0).containsEntry("limiter_expected", false).doesNotContainKey("unavailable");
        double input = (double) ((Map<?, ?>) quiet.get("input")).get("integrated_lufs");
        assertThat((double) quiet.get("predicted_gain_db")).isCloseTo(-16.0 - input, within(0.01));
        // pink noise has a crest of about 12 dB: at -6 LUFS its peaks would pass the ceiling
        assertThat(loud).containsEntry("limiter_expected", true);
        Map<?, ?> series = (Map<?, ?>) quiet.get("series");
        assertThat(series.get("points")).isEqualTo(80);
        assertThat((List<?>) ((Map<?, ?>) series.get("input")).get("short_term_lufs")).hasSize(80);
        assertThat(series.get("output")).isNull();
    }

    @Test
    void whatIsNotCheapToMeasureIsLeftForTheRunWithAReason() throws Exception {
        Path mp3 = Files.write(dir.resolve("song.mp3"), new byte[] {1, 2, 3});

        assertThat(preview(mp3, Map.of()).get("unavailable").toString()).contains("ffmpeg").contains("when the job runs");
        assertThat(preview(dir.resolve("gone.wav"), Map.of()).get("unavailable").toString()).contains("does not exist");
        assertThat(preview(Files.write(dir.resolve("junk.wav"), new byte[] {1, 2, 3}), Map.of())).containsKey("unavailable");
        assertThat(worker.preview(new WorkerInputs(Map.of()), new WorkerParams(Map.of()), dir.getFileSystem())).isEmpty();
    }
}
