package io.concierge.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The workload the launcher records into its AppCDS archive: the common commands, in-process,
 * in a throw-away home and workspace, so that the archive holds what everyday commands load
 * whatever command happened to run first. Not a {@code bit} command: the launcher runs it as
 * {@code java -XX:ArchiveClassesAtExit=... -cp bit.jar io.concierge.cli.CdsTraining}.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    /** Runs the workload; failures are of no consequence beyond a smaller archive. */
    public static void main(String[] args) throws IOException {
        Path home = Files.createTempDirectory("bit-cds-");
        try {
            train(home);
        } finally {
            deleteTree(home);
        }
    }

    private static void train(Path home) {
        CliEnvironment environment = new CliEnvironment(Map.of(), home, home, false, "cds");
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        List.of(List.of("--help"),
                List.of("job", "list", "--no-such-flag"),
                List.of("init"),
                List.of("intent", "synth", "--text", "Echo hello from the launcher"),
                List.of("intent", "list", "--json"),
                List.of("package", "list"),
                List.of("config", "get"),
                List.of("job", "show", "--job-id", "j_NONE"))
                .forEach(args -> run(environment, sink, args));
        String intentId = lastId(environment, List.of("intent", "list"));
        if (intentId == null) {
            return;
        }
        run(environment, sink, List.of("job", "from-intent", "--intent-id", intentId));
        String jobId = lastId(environment, List.of("job", "list"));
        if (jobId == null) {
            return;
        }
        List.of(List.of("plan", "generate", "--job-id", jobId),
                List.of("approve", "--job-id", jobId),
                List.of("run", "--job-id", jobId),
                List.of("job", "list", "--json"),
                List.of("job", "show", "--job-id", jobId),
                List.of("status", "--job-id", jobId),
                List.of("status", "--job-id", jobId, "--json"),
                List.of("tail", "--job-id", jobId),
                List.of("artifacts", "--job-id", jobId),
                List.of("job", "validate", "--job-id", jobId))
                .forEach(args -> run(environment, sink, args));
    }

    private static void run(CliEnvironment environment, PrintWriter sink, List<String> args) {
        BitCommandLine.create(environment, sink, sink).execute(args.toArray(String[]::new));
    }

    private static String lastId(CliEnvironment environment, List<String> args) {
        StringWriter out = new StringWriter();
        BitCommandLine.create(environment, new PrintWriter(out), new PrintWriter(Writer.nullWriter()))
                .execute(args.toArray(String[]::new));
        List<String> lines = out.toString().lines().toList();
        return lines.isEmpty() ? null : lines.get(lines.size() - 1).split("\\s+")[0];
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
