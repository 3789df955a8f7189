package io.concierge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.cli.quickstart.SpeechLikeSignal;
import io.concierge.workers.audio.wav.WavFormat;
import io.concierge.workers.audio.wav.WavWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bit report} (HTML and PDF, to standard output or a file) and the sparkline of {@code bit status}. */
class ReportCommandTest {
    @TempDir
    Path home;

    private CliWorkspace ws;
    private String jobId;

    @BeforeEach
    void normalizeAnEpisode() throws Exception {
        ws = new CliWorkspace(home);
        WavWriter.write(ws.inputs().resolve("episode.wav"), WavFormat.pcm(2, 48_000, 16),
                SpeechLikeSignal.generate(8, 48_000, 2, -29, 5));
        jobId = ws.approvedJob("Normalize podcast episode.wav to -16 LUFS");
        ws.ok("run", "--job-id", jobId);
    }

    @Test
    void htmlGoesToStandardOutputOrWholeIntoAFile() throws Exception {
        InProcessBit.Result printed = ws.ok("report", jobId);

        assertThat(printed.out()).startsWith("<!doctype html>").contains("Normalize podcast episode.wav to -16 LUFS")
                .contains("data-kind=\"loudness\"").contains("id=\"timeline\"").doesNotContain("http://")
                .doesNotContain("https://").doesNotContainIgnoringCase("<script");

        Path file = home.resolve("episode-report.html");
        InProcessBit.Result written = ws.ok("report", "--job-id", jobId, "--output", file.toString());
        assertThat(written.out()).isEmpty();
        assertThat(written.err()).contains("wrote " + file);
        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(html).contains("id=\"artifacts\"").contains(ws.json("artifacts", jobId).get(0).get("sha256").asText());
        try (var files = Files.list(home)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
        }
    }

    @Test
    void pdfIsPrintedByChromium() throws Exception {
        assertThat(Path.of("/usr/bin/chromium")).as("PDF reports need chromium (apt-get install -y chromium)").isExecutable();
        Path pdf = home.resolve("report.pdf");
        ws.bit().variable("PATH", System.getenv("PATH"));

        InProcessBit.Result printed = ws.ok("report", jobId, "--format", "pdf", "--output", pdf.toString());

        assertThat(printed.err()).contains("wrote " + pdf);
        byte[] bytes = Files.readAllBytes(pdf);
        assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    @Test
    void badRequestsSayWhatToDoAndWriteNothing() throws Exception {
        InProcessBit.Result noFile = ws.bit().run("report", jobId, "--format", "pdf");
        assertThat(noFile.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noFile.err()).contains("add --output FILE.pdf");

        InProcessBit.Result noFolder = ws.bit().run("report", jobId, "--output", home.resolve("missing/report.html").toString());
        assertThat(noFolder.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noFolder.err()).contains("does not exist; create it first");
        assertThat(home.resolve("missing")).doesNotExist();

        InProcessBit.Result folder = ws.bit().run("report", jobId, "--output", home.toString());
        assertThat(folder.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(folder.err()).contains("is a folder");

        Path file = home.resolve("nobody.html");
        InProcessBit.Result unknown = ws.bit().run("report", "j_nope", "--output", file.toString());
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(unknown.err().lines().count()).isEqualTo(1);
        assertThat(file).doesNotExist();

        InProcessBit.Result badFormat = ws.bit().run("report", jobId, "--format", "docx");
        assertThat(badFormat.exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void statusDrawsTheOutputsLoudnessOnATerminalOnly() {
        List<String> piped = ws.ok("status", jobId).outLines();
        assertThat(piped).noneMatch(line -> line.startsWith("loudness:"));

        ws.bit().interactive(true);
        List<String> shown = ws.ok("status", jobId).outLines();
        assertThat(shown).filteredOn(line -> line.startsWith("loudness: ")).singleElement().satisfies(line ->
                assertThat(line).matches("loudness: [▁▂▃▄▅▆▇█ ]{1,48}  -?[0-9.]+\\.\\.-?[0-9.]+ LUFS short-term, "
                        + "output of episode\\.wav, 0:08"));
        assertThat(shown.stream().filter(line -> line.contains("status"))).containsExactly("status: COMPLETED");
        assertThat(ws.ok("status", jobId, "--json").out()).doesNotContain("loudness:");
    }
}
