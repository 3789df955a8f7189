package io.concierge.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin jar as a user installs it: dropped into a workspace's {@code plugins/} folder, then
 * driven through {@code bit} the way the guide's scripts do (ids from the last line's first column).
 * Runs after {@code package} (failsafe), against the jar just built and this repository's launcher.
 */
class BitPluginIT {
    /** Far longer than any command takes; only there so a hung process fails the build instead of stalling it. */
    private static final long HANG_GUARD_MINUTES = 10;

    @TempDir
    Path tmp;
    Path bit;
    Path pluginJar;
    Path workspace;
    Path inbox;

    /** One finished {@code bit} call. */
    record Result(List<String> command, int exitCode, String out, String err) {
        String lastLineFirstColumn() {
            List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
            assertThat(lines).as("output of %s", command).isNotEmpty();
            return lines.get(lines.size() - 1).strip().split("\\s+")[0];
        }

        @Override
        public String toString() {
            return String.join(" ", command) + " -> exit " + exitCode + "\nstdout:\n" + out + "stderr:\n" + err;
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        bit = Path.of(System.getProperty("concierge.bit", "../../bit")).toAbsolutePath().normalize();
        pluginJar = Path.of(System.getProperty("plugin.jar", "target/custom-worker-0.1.0-SNAPSHOT.jar")).toAbsolutePath();
        assertThat(bit).as("the bit launcher (system property concierge.bit)").isExecutable();
        assertThat(pluginJar).as("the plugin jar built by mvn package (system property plugin.jar)").isRegularFile();
        workspace = tmp.resolve("W");
        inbox = Files.createDirectories(tmp.resolve("inbox"));
        Files.writeString(inbox.resolve("notes.txt"), "Buy milk\nCall the bank\nabout the loan\n");
    }

    @Test
    void bitFindsTheWorkerInThePluginsFolderAndRunsTheJob() throws Exception {
        ok(bit("init", "--path", workspace.toString()));
        Files.createDirectories(workspace.resolve("plugins"));
        Files.copy(pluginJar, workspace.resolve("plugins").resolve(pluginJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);

        ok(inWorkspace("intent", "synth", "--text", "Count words in notes.txt"));
        String intentId = ok(inWorkspace("intent", "list")).lastLineFirstColumn();

        ok(inWorkspace("job", "from-intent", "--intent-id", intentId));
        String jobId = ok(inWorkspace("job", "list")).lastLineFirstColumn();
        assertThat(jobId).startsWith("j_");

        ok(inWorkspace("plan", "generate", "--job-id", jobId));
        ok(inWorkspace("approve", "--job-id", jobId, "--by", "example", "--note", "counting is harmless"));
        ok(inWorkspace("run", "--job-id", jobId));

        Result show = ok(inWorkspace("job", "show", "--job-id", jobId));
        assertThat(show.out().lines()).as(show.toString()).contains("status: COMPLETED");
        assertThat(show.out()).as(show.toString()).contains("text.wordcount");
        Result artifacts = ok(inWorkspace("artifacts", "--job-id", jobId));
        assertThat(artifacts.out()).as(artifacts.toString()).contains("notes-wordcount.json");

        Path report = workspace.resolve("jobs").resolve(jobId).resolve("artifacts").resolve("notes-wordcount.json");
        assertThat(Files.readString(report)).isEqualTo(
                "{\n  \"file\": \"notes.txt\",\n  \"lines\": 3,\n  \"words\": 8,\n  \"characters\": 38\n}\n");
    }

    @Test
    void withoutThePluginTheSentenceMatchesNoPackage() throws Exception {
        ok(bit("init", "--path", workspace.toString()));
        ok(inWorkspace("intent", "synth", "--text", "Count words in notes.txt"));
        String intentId = ok(inWorkspace("intent", "list")).lastLineFirstColumn();

        Result job = inWorkspace("job", "from-intent", "--intent-id", intentId);
        assertThat(job.exitCode()).as(job.toString()).isEqualTo(3);
        assertThat(job.err()).as(job.toString()).contains("no task package matches \"Count words in notes.txt\"");
        assertThat(inWorkspace("job", "list").out()).isBlank();
    }

    private Result inWorkspace(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--workspace", workspace.toString()));
        all.addAll(List.of(args));
        return bit(all.toArray(String[]::new));
    }

    private Result bit(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(bit.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(inbox.toFile());
        builder.environment().remove("CONCIERGE_WORKSPACE");
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(HANG_GUARD_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + HANG_GUARD_MINUTES + " minutes");
        }
        return new Result(command, process.exitValue(), out.get(), err.get());
    }

    private static Result ok(Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
