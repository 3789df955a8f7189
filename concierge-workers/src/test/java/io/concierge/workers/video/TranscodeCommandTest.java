package io.concierge.workers.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TranscodeCommandTest {

    private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
    private static final Path INPUT = Path.of("/media/-i.mov");
    private static final Path PASS_LOG = Path.of("/scratch/ffmpeg2pass");

    @Test
    void encodesH264AtTheTargetBitrateWithAStreamableCeiling() {
        TranscodeCommand command = new TranscodeCommand(FFMPEG, INPUT,
                new TranscodeSettings(VideoFormat.MP4, 5000, Optional.empty()), PASS_LOG);

        List<String> second = command.secondPass(Path.of("/scratch/out.mp4"));

        assertThat(second.get(0)).isEqualTo("/usr/bin/ffmpeg");
        assertThat(second).containsSubsequence("-i", "/media/-i.mov")
                .containsSubsequence("-c:v", "libx264")
                .containsSubsequence("-b:v", "5000k", "-maxrate", "7500k", "-bufsize", "10000k")
                .containsSubsequence("-pass", "2", "-passlogfile", "/scratch/ffmpeg2pass")
                .containsSubsequence("-c:a", "aac")
                .containsSubsequence("-movflags", "+faststart")
                .containsSubsequence("-nostats", "-progress", "pipe:1")
                .containsSubsequence("-vf", "crop=trunc(iw/2)*2:trunc(ih/2)*2")
                .endsWith("/scratch/out.mp4");
    }

    @Test
    void analysesVideoOnlyInTheFirstPassAndWritesNoFile() {
        TranscodeCommand command = new TranscodeCommand(FFMPEG, INPUT,
                new TranscodeSettings(VideoFormat.WEBM, 800, Optional.of(Resolution.parse("720p"))), PASS_LOG);

        List<String> first = command.firstPass();

        assertThat(first).containsSubsequence("-c:v", "libvpx-vp9")
                .containsSubsequence("-vf", "scale=-2:720,setsar=1")
                .containsSubsequence("-pass", "1")
                .contains("-an")
                .endsWith("-f", "null", "-");
    }

    @Test
    void passesRelativePathsAsAbsoluteOnesSoTheyCannotPoseAsOptions() {
        TranscodeCommand command = new TranscodeCommand(FFMPEG, Path.of("-y"),
                new TranscodeSettings(VideoFormat.WEBM, 800, Optional.empty()), Path.of("log"));

        List<String> second = command.secondPass(Path.of("-out.webm"));

        assertThat(second).containsSubsequence("-i", Path.of("-y").toAbsolutePath().toString())
                .containsSubsequence("-c:a", "libopus")
                .endsWith(Path.of("-out.webm").toAbsolutePath().toString());
        assertThat(second.stream().filter(arg -> arg.equals("-y")).count()).isEqualTo(1);
    }
}
