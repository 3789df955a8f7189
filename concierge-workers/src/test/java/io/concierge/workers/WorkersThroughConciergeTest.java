package io.concierge.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.Artifact;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every built-in worker run the way a host runs it: a sentence, a job matched to the package,
 * plan, approval and run through the {@link Concierge} API on real generated inputs.
 */
class WorkersThroughConciergeTest {
    @TempDir
    static Path tmp;
    static Concierge concierge;

    @BeforeAll
    static void open() {
        concierge = Concierge.builder(tmp.resolve("ws")).workingDirectory(tmp).open();
    }

    @AfterAll
    static void close() {
        concierge.close();
    }

    private static List<String> run(String sentence, Map<String, String> inputs) {
        Job job = concierge.createJob(concierge.synthesize(sentence).id());
        if (!inputs.isEmpty()) {
            concierge.setInputs(job.id(), inputs);
        }
        concierge.generatePlan(job.id());
        concierge.approve(job.id(), "tester", "");
        Run run = concierge.run(job.id(), RunOptions.builder().useCache(false).build());
        assertThat(run.status()).as(sentence + ": " + run.error()).isEqualTo(JobStatus.COMPLETED);
        assertThat(concierge.validate(job.id()).findings()).isEmpty();
        return concierge.artifacts(job.id()).stream().map(Artifact::name).toList();
    }

    private static void ffmpeg(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-y"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
    }

    @Test
    void sqliteBackup() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("shop.db"));
             Statement s = c.createStatement()) {
            s.execute("create table items(id integer primary key, name text)");
            s.execute("insert into items(name) values ('a'), ('b'), ('c')");
        }
        assertThat(run("Backup database shop.db with compression and integrity verification", Map.of()))
                .anyMatch(n -> n.endsWith(".db.gz")).anyMatch(n -> n.endsWith("-backup-manifest.json"));
        assertThat(run("Backup database shop.db", Map.of("compression", "zstd"))).anyMatch(n -> n.endsWith(".db.zst"));
    }

    @Test
    void videoTranscode() throws Exception {
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x120:rate=15", "-f", "lavfi", "-i", "sine=frequency=440",
                "-t", "1.5", "-c:v", "libx264", "-c:a", "aac", tmp.resolve("clip.mov").toString());
        assertThat(run("Transcode video clip.mov to MP4 format at 300 kbps", Map.of())).contains("clip.mp4");
    }

    @Test
    void audioNormalizeThenEncodeChainedThroughAJobOutput() throws Exception {
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=330:duration=3", "-ac", "2", "-ar", "48000", "-c:a", "pcm_s16le",
                tmp.resolve("tone.wav").toString());
        Job first = concierge.createJob(concierge.synthesize("Normalize tone.wav to -16 LUFS").id());
        concierge.generatePlan(first.id());
        concierge.approve(first.id(), "tester", "");
        assertThat(concierge.run(first.id(), RunOptions.defaults()).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(run("Compress normalized audio to MP3 format", Map.of("audio_file", "@job:" + first.id() + "/audio")))
                .contains("tone-normalized.mp3");
    }

    @Test
    void normalizeAndThenMakeAnMp3OfItIsOneChainedJobOnARealWav() throws Exception {
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=4", "-af", "volume=-20dB", "-ac", "2", "-ar", "44100",
                "-c:a", "pcm_s16le", tmp.resolve("show.wav").toString());
        Job job = concierge.createJob(concierge.synthesize("normalize show.wav to -16 LUFS and then make a 128 kbps mp3 of it").id());
        assertThat(job.packageRef()).isEqualTo("audio.normalize+audio.encode@1.0.0+1.0.0");
        assertThat(job.inputs()).containsEntry("normalize_target_loudness", "-16 LUFS").containsEntry("encode_format", "mp3")
                .containsEntry("encode_bitrate", "128 kbps").doesNotContainKey("encode_audio_file");

        io.concierge.api.plan.Plan plan = concierge.generatePlan(job.id());
        assertThat(plan.steps()).extracting(io.concierge.api.plan.Step::id).containsExactly("normalize", "encode");
        assertThat(plan.steps().get(1).inputs()).containsEntry("audio_file", "${steps.normalize.audio}");
        concierge.approve(job.id(), "tester", "one approval for both steps");
        Run run = concierge.run(job.id(), RunOptions.builder().useCache(false).build());

        assertThat(run.status()).as(run.error()).isEqualTo(JobStatus.COMPLETED);
        assertThat(concierge.artifacts(job.id())).extracting(Artifact::name)
                .containsExactlyInAnyOrder("show-normalized.wav", "show-loudness.json", "show-normalized.mp3",
                        "show-normalized-spectrum.json");
        Path mp3 = concierge.artifacts(job.id()).stream().filter(a -> a.name().endsWith(".mp3")).findFirst().orElseThrow().path();
        // ffmpeg reads it back as MP3 at the bit rate asked for, and its loudness is the normalized one.
        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,bit_rate",
                "-of", "default=noprint_wrappers=1", mp3.toString()).redirectErrorStream(true).start();
        String streams = new String(probe.getInputStream().readAllBytes());
        assertThat(probe.waitFor()).as(streams).isZero();
        assertThat(streams).contains("codec_name=mp3", "bit_rate=128000");
        Process meter = new ProcessBuilder("ffmpeg", "-nostdin", "-hide_banner", "-i", mp3.toString(), "-af", "ebur128",
                "-f", "null", "-").redirectErrorStream(true).start();
        String measured = new String(meter.getInputStream().readAllBytes());
        assertThat(meter.waitFor()).isZero();
        java.util.regex.Matcher integrated = java.util.regex.Pattern.compile("I:\\s+(-?[0-9.]+) LUFS").matcher(measured);
        double loudness = Double.NaN;
        while (integrated.find()) {
            loudness = Double.parseDouble(integrated.group(1)); // the summary's value is the last
        }
        assertThat(loudness).isBetween(-17.0, -15.0);
        assertThat(concierge.validate(job.id()).findings()).isEmpty();
    }

    @Test
    void audioWorkersTakeWhatPeopleName() throws Exception {
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-ac", "2", "-c:a", "libmp3lame", "-b:a", "160k",
                tmp.resolve("lecture.mp3").toString());
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=220:duration=3", "-ac", "2", "-c:a", "flac",
                tmp.resolve("talk.flac").toString());
        assertThat(run("Normalize lecture.mp3 to -16 LUFS", Map.of()))
                .containsExactlyInAnyOrder("lecture-normalized.wav", "lecture-loudness.json");
        assertThat(run("Make a 128k mp3 of talk.flac", Map.of("audio_file", tmp.resolve("talk.flac").toString())))
                .containsExactlyInAnyOrder("talk.mp3", "talk-spectrum.json");
    }

    @Test
    void compressAFolderAndValidateACsv() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("reports/2026"));
        Files.writeString(folder.resolve("q3.csv"), "id,amount\n1,2.5\n2,3\n");
        assertThat(run("Compress the folder reports into a zip", Map.of("source", tmp.resolve("reports").toString())))
                .contains("reports.zip");
        assertThat(run("Validate reports/2026/q3.csv", Map.of())).anyMatch(n -> n.endsWith("-validation.json"));
    }

    @Test
    void copyAndEcho() throws Exception {
        Files.writeString(tmp.resolve("invoice.pdf"), "%PDF-1.4 not really");
        assertThat(run("Copy invoice.pdf", Map.of())).containsExactly("invoice.pdf");
        assertThat(run("Echo all workers ran", Map.of())).containsExactly("message.txt");
    }
}
