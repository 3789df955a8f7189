package io.concierge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code bit} launcher's class cache, on a copy of the install (the launcher script and the
 * built jar) so that the repository's own cache is left alone: for the test's own JVM (AppCDS
 * on Java 17) and for a JDK 25 or later when one is installed (the AOT cache). The cache is
 * recorded once, a stale or broken one never shows in the output, and parallel first runs all
 * succeed beside one cache.
 */
class LauncherIT {
    private Path root;
    private Path install;
    private Path target;
    private Path jar;

    @BeforeEach
    void copyInstall() throws IOException {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path builtJar = module.resolve("target/bit.jar");
        assertThat(builtJar).as("the shaded jar, built by package").isRegularFile();
        root = Files.createTempDirectory("bit-launcher-");
        install = Files.createDirectories(root.resolve("install"));
        target = Files.createDirectories(install.resolve("concierge-cli/target"));
        Files.copy(module.resolve("../bit").normalize(), install.resolve("bit"));
        jar = Files.copy(builtJar, target.resolve("bit.jar"));
        Files.createDirectories(root.resolve("home"));
    }

    @AfterEach
    void delete() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The JDKs to try: this test's own, and the newest JDK 25+ under /usr/lib/jvm if any. */
    static List<String> jdks() throws IOException {
        List<String> jdks = new ArrayList<>(List.of(System.getProperty("java.home")));
        newerJdk().ifPresent(jdks::add);
        return jdks;
    }

    private static Optional<String> newerJdk() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> !Files.isSymbolicLink(home) && Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> major(home) >= 25)
                    .map(Path::toString)
                    .findFirst();
        }
    }

    private static int major(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void theFirstRunRecordsOneCacheAndOutputStaysClean(String jdk) throws Exception {

        Result first = bit(jdk, "--version");
        Result second = bit(jdk, "--version");

        for (Result result : List.of(first, second)) {
            assertThat(result.exit()).as(result.toString()).isZero();
            assertThat(result.err()).as(result.toString()).isEmpty();
            assertThat(result.out().lines().toList()).as(result.toString())
                    .hasSize(2).first().asString().matches("bit \\S+");
        }
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(caches()).singleElement()
                .satisfies(cache -> assertThat(Files.size(cache)).isGreaterThan(1_000_000));
        assertThat(leftovers()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aCacheOlderThanTheJarIsRecordedAgainAndABrokenOneAddsNoWord(String jdk) throws Exception {
        assertThat(bit(jdk, "--version").exit()).isZero();
        Path cache = caches().get(0);
        // A cache the jar is newer than (as after a rebuild), and not a cache at all.
        Files.write(cache, "not a class cache".getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(cache, FileTime.from(Instant.now().minusSeconds(60)));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(1)));

        Result afterRebuild = bit(jdk, "--version");

        assertThat(afterRebuild.exit()).as(afterRebuild.toString()).isZero();
        assertThat(afterRebuild.err()).as(afterRebuild.toString()).isEmpty();
        assertThat(afterRebuild.out().lines()).as(afterRebuild.toString()).hasSize(2);
        assertThat(Files.size(cache)).as("recorded again").isGreaterThan(1_000_000);
        assertThat(Files.getLastModifiedTime(cache)).isGreaterThanOrEqualTo(Files.getLastModifiedTime(jar));

        // Broken but not older than the jar (say, a disk error): the JVM ignores it, silently.
        Files.write(cache, "not a class cache".getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(cache, FileTime.from(Instant.now().plusSeconds(10)));

        Result broken = bit(jdk, "--version");

        assertThat(broken.exit()).as(broken.toString()).isZero();
        assertThat(broken.err()).as(broken.toString()).isEmpty();
        assertThat(broken.out()).isEqualTo(afterRebuild.out());
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void parallelFirstRunsAllSucceedBesideOneCache(String jdk) throws Exception {
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            processes.add(start(jdk, "--version"));
        }
        for (Process process : processes) {
            Result result = finish(process);
            assertThat(result.exit()).as(result.toString()).isZero();
            assertThat(result.out().lines()).as(result.toString()).hasSize(2);
            assertThat(result.err()).as(result.toString()).isEmpty();
        }
        assertThat(caches()).hasSize(1);
        assertThat(leftovers()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aReadOnlyInstallRunsWithoutACache(String jdk) throws Exception {
        // Root writes anywhere, so as root the launcher runs as nobody (setpriv, util-linux) over an
        // install it may read but not write; any other user gets the same by losing write access.
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        if (asRoot) {
            for (Path dir : List.of(root, install, install.resolve("concierge-cli"), target)) {
                Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.setPosixFilePermissions(root.resolve("home"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        } else {
            target.toFile().setWritable(false, false);
        }
        try {
            Result result = finish(asRoot
                    ? start(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"), Map.of("BIT_JAVA", jdk), "--version")
                    : start(jdk, "--version"));

            assertThat(result.exit()).as(result.toString()).isZero();
            assertThat(result.err()).as(result.toString()).isEmpty();
            assertThat(caches()).isEmpty();
        } finally {
            target.toFile().setWritable(true, false);
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aBitJavaThatIsNoJavaIsOneLineAndExit70(String jdk) throws Exception {
        Result result = finish(start(Map.of("BIT_JAVA", root.resolve("no-such-jdk").toString()), "--version"));

        assertThat(result.exit()).isEqualTo(70);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines().toList()).singleElement().asString()
                .startsWith("bit: no java at ").contains("BIT_JAVA");
    }

    private List<Path> caches() throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("bit-.+\\.(aot|jsa)")).toList();
        }
    }

    /** Temporary caches, AOT configurations and failure markers that must not stay behind. */
    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches(".*\\.(tmp|config|failed)")).toList();
        }
    }

    private Result bit(String jdk, String... args) throws Exception {
        return finish(start(jdk, args));
    }

    private Process start(String jdk, String... args) throws IOException {
        return start(Map.of("BIT_JAVA", jdk), args);
    }

    private Process start(Map<String, String> variables, String... args) throws IOException {
        return start(List.of(), variables, args);
    }

    /** Starts {@code bit args...} behind {@code prefix} (e.g. a command that changes the user). */
    private Process start(List<String> prefix, Map<String, String> variables, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(install.resolve("bit").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        Map<String, String> env = builder.environment();
        // Nothing from the caller's shell may pick the JVM or add words to its output.
        env.keySet().removeAll(List.of("JAVA_HOME", "BIT_JAVA", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS",
                "_JAVA_OPTIONS", "CONCIERGE_WORKSPACE", "CONCIERGE_ENV"));
        env.put("HOME", root.resolve("home").toString());
        env.putAll(variables);
        return builder.start();
    }

    private static Result finish(Process process) throws Exception {
        // Read both streams while the process runs, so that neither pipe fills up.
        var out = readAsync(process.getInputStream());
        var err = readAsync(process.getErrorStream());
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("bit finished").isTrue();
        return new Result(process.exitValue(), out.get(), err.get());
    }

    private static java.util.concurrent.CompletableFuture<String> readAsync(InputStream stream) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private record Result(int exit, String out, String err) {
    }
}
