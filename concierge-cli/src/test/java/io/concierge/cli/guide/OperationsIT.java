package io.concierge.cli.guide;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.api.Concierge;
import io.concierge.api.event.Event;
import io.concierge.api.job.JobStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operations commands as separate {@code bit} processes on one workspace, through the real
 * launcher: a run killed with SIGKILL and resumed, twenty runs at once, two runners racing for
 * one job, a halt from another process, {@code bit wait}, and {@code bit serve}.
 */
class OperationsIT {
    /** A guard against a hung process, not a timing assertion. */
    private static final long GUARD_SECONDS = 180;

    @RegisterExtension
    final GuideShell shell = new GuideShell();

    private final ObjectMapper mapper = new ObjectMapper();

    /** Starts {@code bit args...} without waiting; its output goes to files beside the work folder. */
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

    private String printed(String name, String stream) throws IOException {
        return Files.readString(shell.work().resolve(name + "." + stream), StandardCharsets.UTF_8);
    }

    private int exitOf(Process process) throws InterruptedException {
        if (!process.waitFor(GUARD_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bit did not finish: " + process.info().commandLine().orElse("?"));
        }
        return process.exitValue();
    }

    private GuideShell.Result bit(String... args) throws IOException, InterruptedException {
        return shell.run(prepend(args), shell.work(), Map.of());
    }

    private static List<String> prepend(String... args) {
        List<String> command = new ArrayList<>(List.of("bit"));
        command.addAll(List.of(args));
        return command;
    }

    private Concierge openWorkspace() {
        // the keys bit finds in this account's home, so that the runs bit makes trust these approvals
        return Concierge.builder(shell.workspace()).workingDirectory(shell.work()).defaultApprover("tester")
                .keyRing(io.concierge.api.trust.KeyRing.folder(shell.home().resolve(".config").resolve("concierge"))).open();
    }

    /** An APPROVED job made in this JVM through the API (quicker than three bit processes). */
    private static String approvedJob(Concierge concierge, String text, Map<String, String> inputs) {
        String jobId = concierge.createJob(concierge.synthesize(text).id()).id();
        if (!inputs.isEmpty()) {
            concierge.setInputs(jobId, inputs);
        }
        concierge.generatePlan(jobId);
        concierge.approve(jobId, "reviewer", "for the test");
        return jobId;
    }

    /** The job's latest run log, each line parsed (a torn last line, still being written, left out). */
    private List<JsonNode> logOf(String jobId) throws IOException {
        Path logs = shell.workspace().resolve("jobs").resolve(jobId).resolve("logs");
        if (!Files.isDirectory(logs)) {
            return List.of();
        }
        Path latest;
        try (Stream<Path> files = Files.list(logs)) {
            latest = files.filter(p -> p.getFileName().toString().startsWith("run-") && p.toString().endsWith(".jsonl")).sorted()
                    .reduce((a, b) -> b).orElse(null);
        }
        if (latest == null) {
            return List.of();
        }
        String text = Files.readString(latest, StandardCharsets.UTF_8);
        List<JsonNode> events = new ArrayList<>();
        for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
            if (!line.isBlank()) {
                events.add(mapper.readTree(line));
            }
        }
        return events;
    }

    /** Waits, while {@code process} runs, until the latest log has {@code type} for {@code stepId}. */
    private void awaitEvent(Process process, String jobId, String type, String stepId) throws Exception {
        while (logOf(jobId).stream().noneMatch(event -> event.path("type").asText().equals(type)
                && event.path("payload").path("step_id").asText().equals(stepId))) {
            assertThat(process.isAlive()).as("the run ended before " + type + " " + stepId).isTrue();
            Thread.sleep(50);
        }
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(event -> event.path("type").asText()).toList();
    }

    @Test
    void aRunKilledWithSigkillIsInterruptedAndResumesSkippingItsFinishedStep() throws Exception {
        Path packageFile = shell.workspace().resolve("packages/demo/twostep/v1.0.0/package.yaml");
        String jobId;
        try (Concierge concierge = openWorkspace()) {
            Files.createDirectories(packageFile.getParent());
            try (InputStream in = OperationsIT.class.getResourceAsStream("/operations/twostep-package.yaml")) {
                Files.copy(in, packageFile);
            }
            Files.writeString(shell.work().resolve("notes.txt"), "keep me\n");
            jobId = approvedJob(concierge, "twostep notes.txt", Map.of("delay_seconds", "3"));
            assertThat(concierge.job(jobId).packageRef()).contains("demo.twostep");
        }

        Process run = start("run1", "run", "--job-id", jobId);
        awaitEvent(run, jobId, "step.started", "wait");
        // The launcher execs java, so this is the JVM itself that dies, with no chance to clean up.
        assertThat(run.info().command().orElse("")).endsWith("java");
        run.destroyForcibly();
        run.waitFor(GUARD_SECONDS, TimeUnit.SECONDS);

        GuideShell.Result status = bit("status", "--job-id", jobId);
        assertThat(status.out()).as(status.toString()).contains("interrupted");

        GuideShell.Result resumed = bit("run", "--job-id", jobId, "--resume");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(bit("status", "--job-id", jobId).outLines()).contains("status: COMPLETED");
        List<JsonNode> log = logOf(jobId);
        assertThat(log).anyMatch(event -> event.path("type").asText().equals("step.skipped")
                && event.path("payload").path("step_id").asText().equals("copy"));
        assertThat(log).anyMatch(event -> event.path("type").asText().equals("step.completed")
                && event.path("payload").path("step_id").asText().equals("wait"));
        assertThat(types(log)).endsWith("job.completed");
    }

    @Test
    void twentyRunsAtOnceInOneWorkspaceAllComplete() throws Exception {
        List<String> jobIds = new ArrayList<>();
        try (Concierge concierge = openWorkspace()) {
            for (int i = 0; i < 20; i++) {
                jobIds.add(approvedJob(concierge, "echo message number " + i, Map.of()));
            }
        }
        List<Process> runs = new ArrayList<>();
        for (int i = 0; i < jobIds.size(); i++) {
            runs.add(start("run" + i, "run", "--job-id", jobIds.get(i)));
        }
        for (int i = 0; i < runs.size(); i++) {
            assertThat(exitOf(runs.get(i))).as(printed("run" + i, "err")).isZero();
        }
        try (Concierge concierge = openWorkspace()) {
            for (String jobId : jobIds) {
                assertThat(concierge.job(jobId).status()).isEqualTo(JobStatus.COMPLETED);
                List<JsonNode> log = logOf(jobId);
                assertThat(types(log)).startsWith("job.started").endsWith("job.completed");
                assertThat(log).allMatch(event -> event.path("job_id").asText().equals(jobId));
            }
        }
    }

    @Test
    void twoRunnersRaceForOneJobAndOnlyOneRunsIt() throws Exception {
        String jobId;
        try (Concierge concierge = openWorkspace()) {
            jobId = approvedJob(concierge, "echo racing", Map.of("delay_seconds", "3"));
        }
        // A first run of a new jar records the launcher's class archive: not while the two race.
        assertThat(bit("--version").exitCode()).isZero();
        Process first = start("a", "run", "--job-id", jobId);
        Process second = start("b", "run", "--job-id", jobId);
        int a = exitOf(first);
        int b = exitOf(second);

        assertThat(List.of(a, b)).containsExactlyInAnyOrder(0, 4);
        String loser = a == 4 ? "a" : "b";
        assertThat(printed(loser, "err")).contains("already running");
        assertThat(types(logOf(jobId)).stream().filter("job.started"::equals)).hasSize(1);

        GuideShell.Result waited = bit("wait", "--job-id", jobId, "--timeout", "30");
        assertThat(waited.exitCode()).as(waited.toString()).isZero();
        assertThat(waited.outLines()).containsExactly("status: COMPLETED");
    }

    @Test
    void haltFromAnotherProcessStopsTheRunAndRecordsWho() throws Exception {
        String jobId;
        try (Concierge concierge = openWorkspace()) {
            jobId = approvedJob(concierge, "echo long wait", Map.of("delay_seconds", "30"));
        }
        Process run = start("run", "run", "--job-id", jobId);
        awaitEvent(run, jobId, "step.started", "echo");

        GuideShell.Result timedOut = bit("wait", "--job-id", jobId, "--timeout", "0.5");
        assertThat(timedOut.exitCode()).as(timedOut.toString()).isEqualTo(7);
        assertThat(timedOut.outLines()).containsExactly("status: RUNNING");

        GuideShell.Result halt = bit("halt", "--job-id", jobId, "--by", "ops");
        assertThat(halt.exitCode()).as(halt.toString()).isZero();
        assertThat(exitOf(run)).as(printed("run", "err")).isEqualTo(1);

        GuideShell.Result waited = bit("wait", "--job-id", jobId);
        assertThat(waited.exitCode()).isEqualTo(1);
        assertThat(waited.outLines()).containsExactly("status: HALTED");
        JsonNode halted = logOf(jobId).stream().filter(event -> event.path("type").asText().equals("job.halted"))
                .findFirst().orElseThrow(() -> new AssertionError("no job.halted in the log"));
        assertThat(halted.path("payload").toString()).contains("ops");
        try (Concierge concierge = openWorkspace()) {
            List<Event> audit = concierge.audit(null);
            assertThat(audit).anyMatch(event -> event.type().equals("job.halted") && event.jobId().equals(jobId));
        }
    }

    @Test
    void serveAnswersTheApiOverHttpUntilStopped() throws Exception {
        try (Concierge concierge = openWorkspace()) {
            approvedJob(concierge, "echo served", Map.of());
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process serve = start("serve", "serve", "--port", String.valueOf(port));
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/jobs")).build();
            HttpResponse<String> response = null;
            while (response == null) {
                assertThat(serve.isAlive()).as(printed("serve", "err")).isTrue();
                try {
                    response = client.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (IOException notYetListening) {
                    Thread.sleep(100);
                }
            }
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("echo served");
            assertThat(mapper.readTree(response.body()).isContainerNode()).isTrue();
            assertThat(printed("serve", "out")).contains("http://127.0.0.1:" + port + "/");
            // The access log: one line per request on standard error (written after the answer).
            for (int i = 0; i < 50 && !printed("serve", "err").contains("\"GET /api/jobs\" 200"); i++) {
                Thread.sleep(100);
            }
            assertThat(printed("serve", "err")).contains("io.concierge.server.access").contains("\"GET /api/jobs\" 200");
        } finally {
            serve.destroy();
            exitOf(serve);
        }
    }
}
