package io.concierge.cli.report;

import io.concierge.api.Concierge;
import io.concierge.api.failure.ConciergeException;
import io.concierge.cli.BitSubcommand;
import io.concierge.cli.ExitCodes;
import io.concierge.cli.JobArgument;
import io.concierge.server.report.HtmlReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code bit report --job-id ID [--format html|pdf] [--output FILE]}: the job's report, one
 * self-contained page to share (intent, plan, approvals, steps and timings, artifacts with their
 * SHA-256, charts as inline SVG; no script, nothing from a network). HTML goes to standard output
 * unless {@code --output} names a file; PDF is printed by headless Chromium and needs
 * {@code --output}. The file is written whole or not at all.
 */
@Command(name = "report", description = "Write a job's report: one self-contained HTML page (or PDF) with its intent, "
        + "plan, approvals, steps, timings, artifacts and charts.")
public final class ReportCommand extends BitSubcommand {
    /** The output formats. */
    enum Format { html, pdf }

    @Mixin
    private JobArgument jobArgument;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "html",
            description = "html or pdf (pdf needs Chromium on the PATH, and --output) (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Option(names = {"--output", "-o"}, paramLabel = "FILE",
            description = "Write the report to FILE (replaced if it exists) instead of standard output.")
    private String output;

    /** Creates the command; picocli fills it. */
    public ReportCommand() {
    }

    @Override
    public Integer call() throws IOException {
        Path target = output == null ? null : bit().environment().resolvePath(output);
        if (target != null) {
            Path folder = target.getParent();
            if (folder == null || !Files.isDirectory(folder)) {
                throw new ParameterException(spec.commandLine(), "--output " + output + ": the folder " + folder
                        + " does not exist; create it first or write the report elsewhere");
            }
            if (Files.isDirectory(target)) {
                throw new ParameterException(spec.commandLine(), "--output " + output
                        + " is a folder; give a file name, e.g. " + target.resolve("report." + format));
            }
        } else if (format == Format.pdf) {
            throw new ParameterException(spec.commandLine(), "--format pdf writes a file: add --output FILE.pdf");
        }
        String page;
        try (Concierge concierge = openExisting()) {
            page = new HtmlReport(concierge, Clock.systemUTC()).render(jobArgument.id());
        }
        if (target == null) {
            out().print(page);
            out().flush();
            return ExitCodes.OK;
        }
        Path staged = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        try {
            if (format == Format.pdf) {
                new ChromiumPdf(System.getenv("PATH")).print(page, staged);
            } else {
                Files.writeString(staged, page, StandardCharsets.UTF_8);
            }
            move(staged, target);
        } finally {
            Files.deleteIfExists(staged);
        }
        err().println("wrote " + target);
        return ExitCodes.OK;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A failure of the PDF printer: the command fails (exit 1) with its sentence. */
    static final class PrintFailure extends ConciergeException {
        private static final long serialVersionUID = 1L;

        PrintFailure(String message) {
            super(Kind.FAILED, message);
        }
    }
}
