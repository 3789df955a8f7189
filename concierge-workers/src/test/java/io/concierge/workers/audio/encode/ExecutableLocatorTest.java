package io.concierge.workers.audio.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PATH lookup: first executable match wins; empty, relative and missing entries are ignored. */
class ExecutableLocatorTest {

    @TempDir
    Path dir;

    private Path program(String folder, String name, String permissions) throws IOException {
        Path file = Files.createDirectories(dir.resolve(folder)).resolve(name);
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void findsTheFirstExecutableInPathOrder() throws IOException {
        program("a", "ffmpeg", "rw-r--r--");          // not executable: skipped
        Path first = program("b", "ffmpeg", "rwxr-xr-x");
        program("c", "ffmpeg", "rwxr-xr-x");
        String path = String.join(File.pathSeparator, dir.resolve("missing").toString(), dir.resolve("a").toString(),
                dir.resolve("b").toString(), dir.resolve("c").toString());

        assertThat(new ExecutableLocator(path).find("ffmpeg")).contains(first);
    }

    @Test
    void ignoresEmptyAndRelativeEntriesSoTheWorkingDirectoryIsNeverSearched() throws IOException {
        program("rel", "ffmpeg", "rwxr-xr-x");
        String path = File.pathSeparator + "rel" + File.pathSeparator + "." + File.pathSeparator;

        assertThat(new ExecutableLocator(path).find("ffmpeg")).isEmpty();
        assertThat(new ExecutableLocator(null).find("ffmpeg")).isEmpty();
        assertThat(new ExecutableLocator("").find("ffmpeg")).isEmpty();
    }

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
