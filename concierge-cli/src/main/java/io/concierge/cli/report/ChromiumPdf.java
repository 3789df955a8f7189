package io.concierge.cli.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Prints an HTML page to PDF with headless Chromium ({@code --print-to-pdf}), found on the PATH as
 * {@code chromium}, {@code chromium-browser}, {@code google-chrome} or {@code google-chrome-stable}.
 * The page runs no script and loads nothing (its Content-Security-Policy says so), so Chromium is
 * given a throw-away profile and no network to use.
 */
final class ChromiumPdf {
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
    private static final long TIMEOUT_SECONDS = 120;

    private final String pathVariable;

    ChromiumPdf(String pathVariable) {
        this.pathVariable = pathVariable == null ? "" : pathVariable;
    }

    /** The browser on the PATH, if any. */
    Optional<Path> find() {
        for (String name : NAMES) {
            for (String folder : pathVariable.split(java.io.File.pathSeparator)) {
                if (folder.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(folder, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Writes {@code html} printed as PDF to {@code pdf}. */
    void print(String html, Path pdf) throws IOException {
        Path browser = find().orElseThrow(() -> new ReportCommand.PrintFailure("--format pdf needs Chromium, and none of "
                + String.join(", ", NAMES) + " is on the PATH; install it (Debian/Ubuntu: apt-get install chromium) "
                + "or write --format html and print that"));
        Path work = Files.createTempDirectory("bit-report-");
        try {
            Path page = work.resolve("report.html");
            Files.writeString(page, html, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless", "--disable-gpu",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-pdf-header-footer", "--user-data-dir=" + work.resolve("profile"),
                    "--print-to-pdf=" + pdf.toAbsolutePath()));
            // Chromium refuses to start as root with its sandbox on; the page runs no script
            if ("root".equals(System.getProperty("user.name"))) {
                command.add("--no-sandbox");
            }
            command.add(page.toUri().toString());
            Path log = work.resolve("chromium.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new ReportCommand.PrintFailure(browser + " did not print the report within " + TIMEOUT_SECONDS
                            + " s; write --format html instead");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new ReportCommand.PrintFailure("interrupted while " + browser + " printed the report");
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(pdf) || Files.size(pdf) == 0) {
                throw new ReportCommand.PrintFailure(browser + " could not print the report (exit " + process.exitValue()
                        + "): " + lastLine(log) + "; write --format html instead");
            }
        } finally {
            deleteTree(work);
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).strip();
        } catch (IOException e) {
            return "no output";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
