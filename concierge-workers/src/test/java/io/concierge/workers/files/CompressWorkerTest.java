package io.concierge.workers.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerResult;
import io.concierge.testkit.WorkerTestContext;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link CompressWorker}: real archives, read back with commons-compress. */
class CompressWorkerTest {
    private static final FileTime OLD = FileTime.from(Instant.parse("2021-06-07T08:09:10Z"));

    @TempDir
    Path tmp;
    Path folder;
    Map<String, byte[]> expected;

    @BeforeEach
    void makeFolder() throws IOException {
        folder = Files.createDirectories(tmp.resolve("in/reports"));
        expected = new TreeMap<>();
        put("reports/summary.txt", "total: 42\n".repeat(100).getBytes(StandardCharsets.UTF_8));
        put("reports/2024/q1/sales.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        byte[] noise = new byte[300_000];
        new Random(7).nextBytes(noise);
        put("reports/2024/q2/raw.bin", noise);
        put("reports/empty.txt", new byte[0]);
        Files.createDirectories(folder.resolve("nothing-here"));
    }

    private void put(String name, byte[] bytes) throws IOException {
        Path file = tmp.resolve("in").resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, OLD);
        expected.put(name, bytes);
    }

    private WorkerTestContext.Builder ctx(Path source, String format) {
        return WorkerTestContext.builder(tmp.resolve("step-" + format.replace('.', '_')))
                .input("source", source.toString()).param("format", format);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zip", "tar.gz"})
    void folderRoundTripsWithNestedDirsNamesBytesAndTimes(String format) throws Exception {
        WorkerTestContext ctx = ctx(folder, format).build();
        WorkerResult result = new CompressWorker().execute(ctx);

        Path archive = result.outputs().get("archive");
        assertThat(archive).isEqualTo(ctx.artifactsDir().resolve("reports." + format));
        Map<String, byte[]> files = new TreeMap<>();
        Map<String, Instant> times = new TreeMap<>();
        java.util.List<String> names = new java.util.ArrayList<>();
        try (ArchiveInputStream<?> in = open(archive, format)) {
            ArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                names.add(e.getName());
                if (!e.isDirectory()) {
                    files.put(e.getName(), in.readAllBytes());
                    times.put(e.getName(), e.getLastModifiedDate().toInstant());
                }
            }
        }
        assertThat(files.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, bytes) -> assertThat(files.get(name)).as(name).isEqualTo(bytes));
        // zip stores DOS times with 2-second precision; OLD is on an even second.
        assertThat(times.values()).allMatch(OLD.toInstant()::equals);
        assertThat(names).contains("reports/", "reports/2024/q1/", "reports/nothing-here/")
                .allSatisfy(n -> {
                    assertThat(n).doesNotStartWith("/");
                    assertThat(n.split("/")).doesNotContain("..", ".", "");
                    assertThat(n).startsWith("reports/");
                });
        assertThat(result.metrics()).containsEntry("files", 4L)
                .containsEntry("bytes_in", expected.values().stream().mapToLong(b -> b.length).sum())
                .containsEntry("bytes_out", Files.size(archive));
        assertThat((double) result.metrics().get("ratio")).isPositive();
        assertThat(ctx.progressReports()).isNotEmpty().last().extracting(WorkerTestContext.Progress::fraction).isEqualTo(1.0);

        // the contents listing: every entry with its size, the totals and the ratio of the metrics
        Path contentsFile = result.outputs().get("contents");
        assertThat(contentsFile).isEqualTo(ctx.artifactsDir().resolve("reports-contents.json"));
        com.fasterxml.jackson.databind.JsonNode contents = new com.fasterxml.jackson.databind.ObjectMapper().readTree(contentsFile.toFile());
        assertThat(contents.get("kind").asText()).isEqualTo("archive-contents");
        assertThat(contents.get("archive").asText()).isEqualTo("reports." + format);
        assertThat(contents.get("bytes_out").asLong()).isEqualTo(Files.size(archive));
        assertThat(contents.get("ratio").asDouble()).isEqualTo((double) result.metrics().get("ratio"));
        Map<String, Long> sizes = new TreeMap<>();
        contents.get("entries").forEach(e -> {
            if (e.get("type").asText().equals("file")) {
                sizes.put(e.get("name").asText(), e.get("size").asLong());
                // zip knows each entry's compressed size: random bytes do not shrink, text does
                if (format.equals("zip")) {
                    assertThat(e.get("compressed_size").asLong()).isPositive().isLessThanOrEqualTo(e.get("size").asLong() + 100);
                } else {
                    assertThat(e.has("compressed_size")).isFalse();
                }
            }
        });
        Map<String, Long> expectedSizes = new TreeMap<>();
        expected.forEach((name, bytes) -> expectedSizes.put(name, (long) bytes.length));
        assertThat(sizes).isEqualTo(expectedSizes);
        assertThat(contents.get("entries")).anyMatch(e -> e.get("name").asText().equals("reports/nothing-here/")
                && e.get("type").asText().equals("directory"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zip", "tar.gz", "gz", "zst"})
    void singleFileRoundTrips(String format) throws Exception {
        if (format.equals("zst")) {
            // The worker refuses zst when zstd-jni cannot load; on this build's platforms it must load.
            assertThat(CompressWorker.zstdAvailable()).as("zstd-jni native library loads").isTrue();
        }
        Path source = tmp.resolve("in/reports/2024/q2/raw.bin");
        WorkerTestContext ctx = ctx(source, format).param("level", format.equals("zip") ? "9" : "5").build();
        WorkerResult result = new CompressWorker().execute(ctx);
        Path archive = result.outputs().get("archive");
        assertThat(archive.getFileName().toString()).isEqualTo("raw.bin." + format);
        byte[] original = expected.get("reports/2024/q2/raw.bin");
        switch (format) {
            case "gz" -> {
                try (GzipCompressorInputStream in = new GzipCompressorInputStream(Files.newInputStream(archive))) {
                    assertThat(in.readAllBytes()).isEqualTo(original);
                    assertThat(in.getMetaData().getFileName()).isEqualTo("raw.bin");
                    assertThat(in.getMetaData().getModificationInstant()).isEqualTo(OLD.toInstant());
                }
                assertThat(Files.getLastModifiedTime(archive)).isEqualTo(OLD);
            }
            case "zst" -> {
                try (ZstdCompressorInputStream in = new ZstdCompressorInputStream(Files.newInputStream(archive))) {
                    assertThat(in.readAllBytes()).isEqualTo(original);
                }
                assertThat(Files.getLastModifiedTime(archive)).isEqualTo(OLD);
            }
            default -> {
                try (ArchiveInputStream<?> in = open(archive, format)) {
                    ArchiveEntry e = in.getNextEntry();
                    assertThat(e.getName()).isEqualTo("raw.bin");
                    assertThat(in.readAllBytes()).isEqualTo(original);
                    assertThat(in.getNextEntry()).isNull();
                }
            }
        }
        assertThat(result.metrics()).containsEntry("files", 1L).containsEntry("bytes_in", (long) original.length);
    }

    @Test
    void refusesGzAndZstOfAFolderSuggestingTarGzOrZip() {
        for (String format : new String[] {"gz", "zst"}) {
            WorkerTestContext ctx = ctx(folder, format).build();
            assertThatThrownBy(() -> new CompressWorker().validate(ctx))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("is a folder").hasMessageContaining("tar.gz or zip");
        }
    }

    @Test
    void refusesUnknownFormatsBadLevelsAndMissingSources() {
        assertThatThrownBy(() -> new CompressWorker().validate(ctx(folder, "rar").build()))
                .hasMessageContaining("'rar' is not supported").hasMessageContaining("zip, tar.gz, gz");
        assertThatThrownBy(() -> new CompressWorker().validate(ctx(folder, "zip").param("level", "12").build()))
                .hasMessageContaining("level: 12 is out of range for zip (0 to 9)");
        assertThatThrownBy(() -> new CompressWorker().validate(ctx(tmp.resolve("nope"), "zip").build()))
                .hasMessageContaining("does not exist");
    }

    @Test
    void symlinksAreStoredAsLinksInTarAndLeftOutOfZip() throws Exception {
        Path outside = Files.writeString(tmp.resolve("secret.txt"), "outside the folder");
        Files.createSymbolicLink(folder.resolve("link-out"), outside);

        WorkerResult tar = new CompressWorker().execute(ctx(folder, "tar.gz").build());
        TarArchiveEntry link = null;
        try (TarArchiveInputStream in = new TarArchiveInputStream(new GzipCompressorInputStream(
                Files.newInputStream(tar.outputs().get("archive"))))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().equals("reports/link-out")) {
                    link = e;
                }
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).doesNotContain("outside the folder");
            }
        }
        assertThat(link).isNotNull();
        assertThat(link.isSymbolicLink()).isTrue();
        assertThat(link.getLinkName()).isEqualTo(outside.toString());

        WorkerTestContext zipCtx = ctx(folder, "zip").build();
        WorkerResult zip = new CompressWorker().execute(zipCtx);
        try (ZipArchiveInputStream in = new ZipArchiveInputStream(Files.newInputStream(zip.outputs().get("archive")))) {
            ArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                assertThat(e.getName()).isNotEqualTo("reports/link-out");
            }
        }
        assertThat(zip.metrics()).containsEntry("skipped", 1);
        assertThat(zipCtx.progressReports()).anyMatch(p -> p.message().contains("skipped symbolic link reports/link-out"));
    }

    @Test
    void haltStopsWorkAndLeavesNoArchive() {
        // Halt once the first chunk of bytes has been compressed.
        WorkerTestContext ctx = ctx(folder, "tar.gz").haltAfterProgress(2).build();
        assertThatThrownBy(() -> new CompressWorker().execute(ctx)).isInstanceOf(WorkerContext.HaltedException.class);
        assertThat(ctx.artifactsDir().resolve("reports.tar.gz")).doesNotExist();
    }

    @Test
    void archiveNameDropsLeadingDots() {
        assertThat(CompressWorker.archiveName(Path.of("/x/.config"), ArchiveFormat.TAR_GZ)).isEqualTo("config.tar.gz");
        assertThat(CompressWorker.archiveName(Path.of("/x/notes.txt"), ArchiveFormat.ZIP)).isEqualTo("notes.txt.zip");
    }

    private static ArchiveInputStream<?> open(Path archive, String format) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
        return format.equals("zip") ? new ZipArchiveInputStream(raw)
                : new TarArchiveInputStream(new GzipCompressorInputStream(raw));
    }
}
