package io.concierge.workers.audio.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The ffmpeg command line of audio.encode: an argument list no file name can subvert. */
class FfmpegEncoderTest {

    @Test
    void ffmpegCommandIsAnArgumentListWithProtocolSafePaths() {
        FfmpegEncoder encoder = new FfmpegEncoder(Path.of("/usr/bin/ffmpeg"));
        Path input = Path.of("/data/-i evil;rm -rf.wav");
        Path output = Path.of("/out/x.ogg.part");

        assertThat(encoder.command(input, output, new EncodeSettings(EncodeFormat.OGG, true, 192, 2)))
                .startsWith("/usr/bin/ffmpeg")
                .containsSubsequence("-i", "file:/data/-i evil;rm -rf.wav")
                .containsSubsequence("-c:a", "libvorbis", "-q:a", "6", "-f", "ogg")
                .endsWith("file:/out/x.ogg.part");
        assertThat(encoder.command(input, output, new EncodeSettings(EncodeFormat.OGG, false, 160, 2)))
                .containsSubsequence("-b:a", "160k");
        assertThat(encoder.command(input, output, new EncodeSettings(EncodeFormat.FLAC, false, 192, 2)))
                .containsSubsequence("-c:a", "flac", "-compression_level", "8", "-f", "flac");
    }
}
