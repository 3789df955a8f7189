package io.concierge.cli.guide;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.api.Concierge;
import io.concierge.api.job.JobStatus;
import io.concierge.api.run.RunOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A two-step run (file.copy, then test.echo) killed with SIGKILL at 100 instants drawn from a
 * seeded {@link Random}: 15% while the JVM starts, the rest from the moment the run's log appears
 * to a little past the length of a whole run (measured once): after each kill
 * every job, plan and log file reads, no artifact is half-written (each file in
 * {@code artifacts/} is byte for byte what a full run makes), the job is not left RUNNING, and
 * the run resumes to exactly the artifacts of an uninterrupted run with a clean
 * {@code bit job validate}. Half of the runs copy the same file, so the step cache's restore is
 * killed too. Two kills run side by side to keep the wall time down.
 */
class KillAnyInstantIT {
    private static final int INSTANTS = Integer.getInteger("kill.instants", 100);
    private static final long SEED = 20261202L;
    /** A guard against a hung process, not a timing assertion. */
    private static final long GUARD_SECONDS = 180;
    private static final int SOURCE_BYTES = 256 << 10;

    @RegisterExtension
    final GuideShell shell = new GuideShell();

    private final ObjectMapper mapper = new ObjectMapper();

    private Process start(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(GuideShell.launcher().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(shell.work().toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("CONCIERGE_") || key.equals("BIT_DEBUG"));
        env.put("HOME", shell.home().toString());
        env.put("LANG", "C.UTF-8");
        builder.redirectOutput(shell.work().resolve(name + ".out").toFile())
                .redirectError(shell.work().resolve(name + ".err").toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    private Concierge openWorkspace() {
        // The same key folder as the bit processes of this shell's user, so that they trust the
        // approvals made here (the test JVM's own CONCIERGE_HOME points elsewhere).
        return Concierge.builder(shell.workspace()).workingDirectory(shell.work()).defaultApprover("tester")
                .keyRing(io.concierge.api.trust.KeyRing.folder(shell.home().resolve(".config/concierge"))).open();
    }

    private static String approvedJob(Concierge concierge, String source) {
        String jobId = concierge.createJob(concierge.synthesize("twostep " + source).id()).id();
        concierge.setInputs(jobId, Map.of("delay_seconds", "0.2"));
        concierge.generatePlan(jobId);
        concierge.approve(jobId, "tester", "for the kill test");
        return jobId;
    }

    /** The files of a job's artifacts folder that are artifacts (hidden ones aside), by name. */
    private Map<String, byte[]> artifacts(String jobId) throws IOException {
        Path dir = shell.workspace().resolve("jobs").resolve(jobId).resolve("artifacts");
        Map<String, byte[]> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    /** What an uninterrupted run of the job leaves in {@code artifacts/}: the copy and the message. */
    private Map<String, byte[]> expected(String jobId, String source) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        files.put(source, Files.readAllBytes(shell.work().resolve(source)));
        files.put("message.txt", message(jobId, source));
        return files;
    }

    /** The echo step's message: the path of the copy, made by this job or, from the step cache, by the first job that copied the same bytes. */
    private byte[] message(String jobId, String source) {
        String own = shell.workspace().toAbsolutePath().normalize().resolve("jobs").resolve(jobId).toString();
        return (firstCopier.getOrDefault(source, own) + "/artifacts/" + source + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private final Map<String, String> firstCopier = new ConcurrentHashMap<>();

    /** Every YAML and JSON state file of the job parses, and every line of its logs is a whole JSON object. */
    private void assertReadable(Concierge concierge, String jobId) throws IOException {
        concierge.job(jobId);
        concierge.plan(jobId, null);
        Path dir = shell.workspace().resolve("jobs").resolve(jobId);
        Path manifest = dir.resolve("manifest.json");
        if (Files.exists(manifest)) {
            mapper.readTree(manifest.toFile());
        }
        try (Stream<Path> logs = Files.list(dir.resolve("logs"))) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                assertThat(text.isEmpty() || text.endsWith("\n")).as("%s ends with a whole line", log).isTrue();
                for (String line : text.lines().toList()) {
                    assertThat(mapper.readTree(line).isObject()).as("%s: %s", log, line).isTrue();
                }
            }
        }
    }

    /**
     * The step cache keys the echo step by the copy's name and bytes, not its path, so a job of
     * the shared file may get the message of the job that ran it first: that job is learnt from
     * the first whole message seen (a half-written one matches no job and fails the comparison).
     */
    private void adoptCachedMessage(String jobId, String source, Map<String, byte[]> files) {
        byte[] message = files.get("message.txt");
        if (message == null || !source.equals("shared.txt")) {
            return;
        }
        String text = new String(message, StandardCharsets.UTF_8);
        String jobs = shell.workspace().toAbsolutePath().normalize().resolve("jobs") + "/";
        String suffix = "/artifacts/" + source + "\n";
        if (text.startsWith(jobs) && text.endsWith(suffix)) {
            String producer = text.substring(jobs.length(), text.length() - suffix.length());
            if (!producer.equals(jobId) && !producer.contains("/")
                    && Files.isDirectory(shell.workspace().resolve("jobs").resolve(producer))) {
                firstCopier.putIfAbsent(source, jobs + producer);
            }
        }
    }

    private static boolean hasRunLog(Path logs) throws IOException {
        if (!Files.isDirectory(logs)) {
            return false;
        }
        try (Stream<Path> files = Files.list(logs)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("run-"));
        }
    }

    /** What one kill found, for the summary. */
    private enum Outcome { BEFORE_RUNNING, MID_RUN, AFTER_END }

    @Test
    void killedAtAHundredRandomInstantsNothingIsHalfWrittenAndEveryRunResumes() throws Exception {
        Path packageFile = shell.workspace().resolve("packages/demo/twostep/v1.0.0/package.yaml");
        Random random = new Random(SEED);
        byte[] shared = new byte[SOURCE_BYTES];
        random.nextBytes(shared);
        Files.write(shell.work().resolve("shared.txt"), shared);
        List<String> sources = new ArrayList<>();
        List<String> jobs = new ArrayList<>();
        String reference;
        try (Concierge concierge = openWorkspace()) {
            Files.createDirectories(packageFile.getParent());
            try (InputStream in = KillAnyInstantIT.class.getResourceAsStream("/operations/twostep-package.yaml")) {
                Files.copy(in, packageFile);
            }
            Files.write(shell.work().resolve("reference.txt"), Arrays.copyOf(shared, 1000));
            reference = approvedJob(concierge, "reference.txt");
            for (int i = 0; i < INSTANTS; i++) {
                String source = "shared.txt";
                if (i % 2 == 0) {
                    source = "own-" + i + ".txt";
                    byte[] own = new byte[SOURCE_BYTES];
                    random.nextBytes(own);
                    Files.write(shell.work().resolve(source), own);
                }
                sources.add(source);
                jobs.add(approvedJob(concierge, source));
            }
        }
        // The first run of a new jar records the launcher's class archive; then one whole run is timed.
        assertThat(start("warm", "--version").waitFor(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
        java.time.Instant launched = java.time.Instant.now();
        long t0 = System.nanoTime();
        Process whole = start("reference", "run", reference);
        assertThat(whole.waitFor(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
        long runMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(whole.exitValue()).as(Files.readString(shell.work().resolve("reference.err"))).isZero();
        // Most of a short run is the JVM starting, and under load its length varies: so an instant
        // is an offset either from the process's start (before the run writes anything) or from
        // the moment its run log appears, up to a little past a whole run's end.
        long startMillis;
        try (Concierge concierge = openWorkspace()) {
            java.time.Instant jobStarted = concierge.events(reference, false).get(0).timestamp();
            startMillis = Math.max(1, java.time.Duration.between(launched, jobStarted).toMillis());
        }
        long writingMillis = Math.max(1, runMillis - startMillis) * 11 / 10;
        long[] instants = new long[INSTANTS];
        boolean[] fromLog = new boolean[INSTANTS];
        for (int i = 0; i < INSTANTS; i++) {
            fromLog[i] = random.nextDouble() >= 0.15;
            instants[i] = (long) (random.nextDouble() * (fromLog[i] ? writingMillis : startMillis));
        }

        Map<Outcome, Integer> outcomes = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Concierge concierge = openWorkspace()) {
            List<Future<?>> kills = new ArrayList<>();
            for (int i = 0; i < INSTANTS; i++) {
                int n = i;
                kills.add(pool.submit(() -> {
                    outcomes.merge(killAndResume(concierge, jobs.get(n), sources.get(n), fromLog[n], instants[n], "kill" + n), 1, Integer::sum);
                    return null;
                }));
            }
            for (Future<?> kill : kills) {
                kill.get(GUARD_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long wall = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        System.out.printf("KillAnyInstantIT: %d kills of a %d ms run (JVM start %d ms) in %d s: %s%n",
                INSTANTS, runMillis, startMillis, wall, outcomes);
        // The instants must have hit the run itself, not only the JVM's start or the time after it.
        assertThat(outcomes.getOrDefault(Outcome.MID_RUN, 0)).isPositive();
    }

    private Outcome killAndResume(Concierge concierge, String jobId, String source, boolean fromLog, long instant,
                                  String name) throws Exception {
        Process run = start(name, "run", jobId);
        Path logs = shell.workspace().resolve("jobs").resolve(jobId).resolve("logs");
        while (fromLog && run.isAlive() && !hasRunLog(logs)) {
            Thread.sleep(2);
        }
        boolean ended = run.waitFor(instant, TimeUnit.MILLISECONDS);
        if (!ended) {
            run.destroyForcibly(); // SIGKILL: the launcher execs java, so the JVM itself dies
            assertThat(run.waitFor(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
        // Right after the kill: every file reads, every artifact there is whole, nothing says RUNNING.
        assertReadable(concierge, jobId);
        Map<String, byte[]> left = artifacts(jobId);
        adoptCachedMessage(jobId, source, left);
        Map<String, byte[]> expected = expected(jobId, source);
        for (Map.Entry<String, byte[]> file : left.entrySet()) {
            assertThat(expected).as("%s: unexpected artifact %s", jobId, file.getKey()).containsKey(file.getKey());
            assertThat(file.getValue()).as("%s: artifact %s is whole", jobId, file.getKey())
                    .isEqualTo(expected.get(file.getKey()));
        }
        JobStatus status = concierge.status(jobId).job().status();
        assertThat(status).as(jobId).isNotEqualTo(JobStatus.RUNNING);
        assertThat(concierge.jobs().stream().filter(j -> j.id().equals(jobId)).findFirst().orElseThrow().status())
                .isNotEqualTo(JobStatus.RUNNING);

        Outcome outcome = switch (status) {
            case APPROVED -> Outcome.BEFORE_RUNNING;
            case COMPLETED -> Outcome.AFTER_END;
            default -> Outcome.MID_RUN;
        };
        if (status == JobStatus.APPROVED) {
            assertThat(concierge.run(jobId, RunOptions.defaults()).status()).isEqualTo(JobStatus.COMPLETED);
        } else if (status != JobStatus.COMPLETED) {
            assertThat(concierge.run(jobId, RunOptions.builder().resume(true).build()).status())
                    .as("%s resumes", jobId).isEqualTo(JobStatus.COMPLETED);
        }
        Map<String, byte[]> after = artifacts(jobId);
        adoptCachedMessage(jobId, source, after);
        expected = expected(jobId, source);
        assertThat(after.keySet()).as(jobId).isEqualTo(expected.keySet());
        for (String file : expected.keySet()) {
            assertThat(after.get(file)).as("%s: %s after resuming", jobId, file).isEqualTo(expected.get(file));
        }
        assertThat(concierge.validate(jobId).findings()).as(jobId).isEmpty();
        return outcome;
    }
}
