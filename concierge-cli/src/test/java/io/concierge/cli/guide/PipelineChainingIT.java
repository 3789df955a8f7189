package io.concierge.cli.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The guide's "Pattern 2: Pipeline Chaining": normalize, then inject the normalized file into
 * an MP3 job's {@code job.yaml} with the script's own {@code sed}, then "archive to S3". Changed
 * from the guide: the first sentence names the file the test makes ("podcast.wav"), and
 * {@code aws} is a stub on PATH that records its arguments.
 */
class PipelineChainingIT {
    @RegisterExtension
    final GuideShell shell = new GuideShell();

    @Test
    void normalizedOutputFeedsTheMp3JobAndIsArchived() throws Exception {
        shell.stub("aws", "echo \"$@\" >> \"$HOME/aws-calls.txt\"");
        GuideShell.writeEpisode(shell.work().resolve("podcast.wav"), 3, 2);
        String dayBefore = LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE);

        GuideShell.Result result = shell.script("pattern2-chaining.sh", shell.work());

        String dayAfter = LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.outLines()).as(result.toString())
                .endsWith("âœ“ Pipeline complete: Normalize â†’ Compress â†’ Archive");
        assertThat(result.errLines()).as(result.toString()).allMatch(ScriptOutput::isProgress);

        List<String> jobs = shell.jobLines();
        assertThat(jobs).hasSize(2);
        String normalizeJob = jobs.get(0).split("\\s+")[0];
        String compressJob = jobs.get(1).split("\\s+")[0];
        assertThat(jobs.get(0)).contains("  COMPLETED  audio.normalize@");
        assertThat(jobs.get(1)).contains("  COMPLETED  audio.encode@");

        Path normalized = onlyFile(shell.workspace().resolve("jobs").resolve(normalizeJob).resolve("artifacts"), ".wav");
        String compressYaml = Files.readString(shell.workspace().resolve("jobs").resolve(compressJob).resolve("job.yaml"));
        assertThat(compressYaml).contains("audio_file: " + normalized);

        Path mp3 = onlyFile(shell.workspace().resolve("jobs").resolve(compressJob).resolve("artifacts"), ".mp3");
        byte[] head = Files.readAllBytes(mp3);
        assertThat(head.length).isGreaterThan(1000);
        boolean id3 = head[0] == 'I' && head[1] == 'D' && head[2] == '3';
        boolean frameSync = (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0;
        assertThat(id3 || frameSync).as("an MP3 starts with an ID3 tag or a frame sync").isTrue();

        List<String> awsCalls = Files.readAllLines(shell.home().resolve("aws-calls.txt"), StandardCharsets.UTF_8);
        assertThat(awsCalls).singleElement().satisfiesAnyOf(
                call -> assertThat(call).isEqualTo("s3 cp " + mp3 + " s3://podcast-archive/" + dayBefore + "_episode.mp3"),
                call -> assertThat(call).isEqualTo("s3 cp " + mp3 + " s3://podcast-archive/" + dayAfter + "_episode.mp3"));
    }

    private static Path onlyFile(Path folder, String extension) throws Exception {
        List<String> names = GuideShell.fileNames(folder).stream().filter(name -> name.endsWith(extension)).toList();
        assertThat(names).as("the " + extension + " files in " + folder).hasSize(1);
        return folder.resolve(names.get(0));
    }
}
