package io.concierge.cli.guide;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.cli.quickstart.SpeechLikeSignal;
import io.concierge.workers.audio.wav.WavFormat;
import io.concierge.workers.audio.wav.WavWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A made-up user account for running the guide's scripts against the real launcher: a home
 * folder (the scripts use {@code ~/workspace}), a {@code bin} folder first on PATH holding a
 * {@code bit} symlink to the repository's launcher (as the README installs it) and any stubs,
 * and a work folder to run in. A JUnit extension: registered on a static field it lives for the
 * class, on an instance field for each test, and it deletes itself afterwards.
 */
final class GuideShell implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private static final int SAMPLE_RATE = 48_000;

    private Path root;
    private Path home;
    private Path bin;
    private Path work;
    private Path scripts;
    private boolean perClass;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        perClass = true;
        create();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (!perClass) {
            create();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (!perClass) {
            delete();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (perClass) {
            delete();
        }
    }

    private void create() throws IOException {
        root = Files.createTempDirectory("bit-guide-");
        home = Files.createDirectories(root.resolve("home"));
        bin = Files.createDirectories(root.resolve("bin"));
        work = Files.createDirectories(root.resolve("work"));
        scripts = Files.createDirectories(root.resolve("scripts"));
        Files.createSymbolicLink(bin.resolve("bit"), launcher());
    }

    /** Deletes the account; links are removed, never followed. */
    private void delete() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The repository's {@code bit} launcher, found from this module's folder. */
    static Path launcher() {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path launcher = module.resolve("../bit").normalize();
        assertThat(launcher).as("the launcher next to concierge-cli").isExecutable();
        return launcher;
    }

    Path home() {
        return home;
    }

    Path work() {
        return work;
    }

    Path workspace() {
        return home.resolve("workspace");
    }

    /** Puts an executable script on PATH in place of a command that cannot exist here. */
    void stub(String name, String body) throws IOException {
        Path stub = bin.resolve(name);
        Files.writeString(stub, "#!/bin/bash\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Writes a speech-like stereo WAV of {@code seconds} at 48 kHz. */
    static void writeEpisode(Path file, double seconds, long seed) throws IOException {
        WavWriter.write(file, WavFormat.pcm(2, SAMPLE_RATE, 16), SpeechLikeSignal.generate(seconds, SAMPLE_RATE, 2, -29, seed));
    }

    /** Runs one of the guide's scripts (a test resource under {@code guide/}) with bash. */
    Result script(String name, Path directory, String... args) throws IOException, InterruptedException {
        Path script = scripts.resolve(name);
        try (InputStream in = GuideShell.class.getResourceAsStream("/guide/" + name)) {
            assertThat(in).as("test resource guide/" + name).isNotNull();
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(Arrays.asList(args));
        return run(command, directory, Map.of());
    }



    /** Runs {@code bit args...} through PATH, as a user types it. */
    Result bit(Path directory, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bit"));
        command.addAll(Arrays.asList(args));
        return run(command, directory, Map.of());
    }

    /** Runs a command in {@code directory} with this account's environment plus {@code extra}. */
    Result run(List<String> command, Path directory, Map<String, String> extra)
            throws IOException, InterruptedException {
        List<String> resolved = new ArrayList<>(command);
        if (resolved.get(0).equals("bit")) {
            // ProcessBuilder looks programs up on this JVM's PATH, not the child's: name the link.
            resolved.set(0, bin.resolve("bit").toString());
        }
        ProcessBuilder builder = new ProcessBuilder(resolved).directory(directory.toFile());
        Map<String, String> env = builder.environment();
        // Nothing of the developer's own setup may leak in.
        env.keySet().removeIf(name -> name.startsWith("CONCIERGE_") || name.equals("XDG_CONFIG_HOME")
                || name.equals("BIT_DEBUG"));
        env.put("HOME", home.toString());
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("LANG", "C.UTF-8");
        env.putAll(extra);
        Path out = Files.createTempFile(root, "out", ".txt");
        Path err = Files.createTempFile(root, "err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process process = builder.start();
        process.getOutputStream().close();
        // A guard against a hung script, not a timing assertion.
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The job ids in the workspace, oldest first, as {@code bit job list} gives them. */
    List<String> jobLines() throws IOException, InterruptedException {
        Result list = bit(work, "job", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        return list.outLines();
    }

    /** The names of the files in a folder, sorted. */
    static List<String> fileNames(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * What a process printed and returned.
     *
     * @param exitCode its exit code
     * @param out      standard output
     * @param err      standard error
     */
    record Result(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.isEmpty() ? List.of() : out.lines().toList();
        }

        List<String> errLines() {
            return err.isEmpty() ? List.of() : err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }
}
