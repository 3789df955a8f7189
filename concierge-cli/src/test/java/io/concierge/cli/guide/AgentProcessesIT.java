package io.concierge.cli.guide;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.api.Concierge;
import io.concierge.api.event.Event;
import io.concierge.api.job.JobStatus;
import io.concierge.api.trust.KeyRing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code bit agent} as real processes through the launcher, on one workspace: batch runs, two
 * agents sharing forty jobs, SIGTERM (graceful, and past the grace period), {@code kill -9} mid-job
 * with a second agent resuming once the lease lapsed, {@code bit agents} listing a live agent,
 * and an approval by another {@code bit} process waking an agent that would otherwise sleep an hour.
 */
class AgentProcessesIT {
    /** A guard against a hung process, not a timing assertion. */
    private static final long GUARD_SECONDS = 180;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    final GuideShell shell = new GuideShell();

    /** Starts {@code bit args...} in the shell's work folder, its output going to {@code <name>.out} and {@code .err}. */
    private Process start(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(GuideShell.launcher().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(shell.work().toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("CONCIERGE_") || key.equals("BIT_DEBUG") || key.equals("XDG_CONFIG_HOME"));
        env.put("HOME", shell.home().toString());
        env.put("LANG", "C.UTF-8");
        builder.redirectOutput(shell.work().resolve(name + ".out").toFile())
                .redirectError(shell.work().resolve(name + ".err").toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    private String out(String name) throws IOException {
        return Files.readString(shell.work().resolve(name + ".out"), StandardCharsets.UTF_8);
    }

    private String err(String name) throws IOException {
        return Files.readString(shell.work().resolve(name + ".err"), StandardCharsets.UTF_8);
    }

    private int exitOf(Process process, String name) throws Exception {
        if (!process.waitFor(GUARD_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not end; its output:\n" + out(name) + err(name));
        }
        return process.exitValue();
    }

    /** The workspace, with the key folder of the shell's user, so that its bit processes trust the approvals made here. */
    private Concierge openWorkspace() {
        return Concierge.builder(shell.workspace()).workingDirectory(shell.work()).defaultApprover("tester")
                .keyRing(KeyRing.folder(shell.home().resolve(".config/concierge"))).open();
    }

    private static String plannedEcho(Concierge concierge, String text, String delaySeconds) {
        String jobId = concierge.createJob(concierge.synthesize(text).id()).id();
        concierge.setInputs(jobId, Map.of("delay_seconds", delaySeconds));
        concierge.generatePlan(jobId);
        return jobId;
    }

    private static String approvedEcho(Concierge concierge, String text, String delaySeconds) {
        String jobId = plannedEcho(concierge, text, delaySeconds);
        concierge.approve(jobId, "tester", "for the agent test");
        return jobId;
    }

    private static List<Event> ofType(Concierge concierge, String jobId, String type) {
        return concierge.events(jobId, true).stream().filter(e -> e.type().equals(type)).toList();
    }

    /** Waits, with the guard, until {@code condition} holds. */
    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still waiting after " + GUARD_SECONDS + " s for: " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aBatchAgentRunsTheQueuedJobsAndExitsWhenIdle() throws Exception {
        List<String> jobs = new ArrayList<>();
        try (Concierge concierge = openWorkspace()) {
            for (int i = 0; i < 3; i++) {
                jobs.add(approvedEcho(concierge, "Echo batch " + i, "0"));
            }
        }
        Process agent = start("batch", "agent", "--exit-when-idle", "--concurrency", "2");
        assertThat(exitOf(agent, "batch")).as(err("batch")).isZero();
        List<String> lines = out("batch").lines().toList();
        assertThat(lines).hasSize(6);
        try (Concierge concierge = openWorkspace()) {
            for (String job : jobs) {
                assertThat(lines).contains("claimed " + job + " (test.echo@1.0.0)");
                assertThat(lines).anyMatch(l -> l.startsWith("completed " + job + " in "));
                assertThat(concierge.job(job).status()).isEqualTo(JobStatus.COMPLETED);
            }
        }
    }

    @Test
    void twoAgentsShareFortyJobsAndRunEachExactlyOnce() throws Exception {
        List<String> jobs = new ArrayList<>();
        try (Concierge concierge = openWorkspace()) {
            for (int i = 0; i < 40; i++) {
                jobs.add(plannedEcho(concierge, "Echo shared job " + i, "0.2"));
            }
            Process first = start("first", "agent", "--concurrency", "2", "--id", "first");
            Process second = start("second", "agent", "--concurrency", "2", "--id", "second");
            await("both agents announced themselves", () -> concierge.agents().size() == 2);
            for (String job : jobs) {
                concierge.approve(job, "tester", "shared"); // each approval wakes both agents
            }
            await("every job ended", () -> jobs.stream().allMatch(j -> concierge.job(j).status() == JobStatus.COMPLETED));
            first.destroy(); // SIGTERM
            second.destroy();
            assertThat(exitOf(first, "first")).as(err("first")).isZero();
            assertThat(exitOf(second, "second")).as(err("second")).isZero();

            Set<String> runBy = new HashSet<>();
            for (String job : jobs) {
                List<Event> started = ofType(concierge, job, "job.started");
                assertThat(started).as(job + " started once").hasSize(1);
                assertThat(ofType(concierge, job, "job.completed")).as(job + " completed once").hasSize(1);
                runBy.add(String.valueOf(started.get(0).payload().get("agent")));
            }
            assertThat(runBy).as("both agents took work").containsExactlyInAnyOrder("first", "second");
            List<String> completedLines = new ArrayList<>();
            for (String name : List.of("first", "second")) {
                out(name).lines().filter(l -> l.startsWith("completed ")).map(l -> l.split(" ")[1]).forEach(completedLines::add);
            }
            assertThat(completedLines).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(jobs);
            assertThat(concierge.agents()).as("both signed off").isEmpty();
        }
    }

    @Test
    void sigtermLetsTheRunningJobFinishAndBitAgentsListsTheAgentMeanwhile() throws Exception {
        try (Concierge concierge = openWorkspace()) {
            String job = approvedEcho(concierge, "Echo slow goodbye", "3");
            Process agent = start("graceful", "agent", "--id", "graceful", "--grace-seconds", "120");
            await("the job runs", () -> !ofType(concierge, job, "step.started").isEmpty());

            GuideShell.Result listed = shell.bit(shell.work(), "agents");
            assertThat(listed.exitCode()).as(listed.toString()).isZero();
            assertThat(listed.outLines()).singleElement().asString()
                    .startsWith("graceful ").contains(" " + agent.pid() + " ").endsWith(" 1 running " + job);
            GuideShell.Result json = shell.bit(shell.work(), "agents", "--json");
            JsonNode agents = MAPPER.readTree(json.out());
            assertThat(agents).hasSize(1);
            assertThat(agents.get(0).get("current_jobs")).extracting(JsonNode::asText).containsExactly(job);
            assertThat(agents.get(0).get("stale").asBoolean()).isFalse();
            assertThat(agents.get(0).get("pid").asLong()).isEqualTo(agent.pid());

            agent.destroy(); // SIGTERM while the step still waits
            assertThat(exitOf(agent, "graceful")).as(err("graceful")).isZero();
            assertThat(concierge.job(job).status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(out("graceful")).contains("completed " + job + " in ");
            assertThat(err("graceful")).contains("bit: agent graceful stopping: running jobs get up to 120 s to finish");
            assertThat(shell.bit(shell.work(), "agents").out()).as("signed off").isEmpty();
        }
    }

    @Test
    void sigtermPastTheGracePeriodHaltsTheJobAndReleasesIt() throws Exception {
        try (Concierge concierge = openWorkspace()) {
            String job = approvedEcho(concierge, "Echo never finishing", "600");
            Process agent = start("impatient", "agent", "--id", "impatient", "--grace-seconds", "0");
            await("the job runs", () -> !ofType(concierge, job, "step.started").isEmpty());
            agent.destroy();
            assertThat(exitOf(agent, "impatient")).as(err("impatient")).isZero();
            assertThat(concierge.job(job).status()).isEqualTo(JobStatus.HALTED);
            assertThat(out("impatient")).contains("halted " + job + ": halted by agent impatient: it is stopping");
            assertThat(MAPPER.readTree(shell.workspace().resolve(".concierge/leases/" + job + ".json").toFile())
                    .get("released").asBoolean()).as("released").isTrue();
        }
    }

    @Test
    void aJobWhoseAgentWasKilledIsResumedByAnotherAgentOnceTheLeaseLapsed() throws Exception {
        Path packageFile = shell.workspace().resolve("packages/demo/twostep/v1.0.0/package.yaml");
        Files.writeString(shell.work().resolve("source.txt"), "copied once\n");
        try (Concierge concierge = openWorkspace()) {
            Files.createDirectories(packageFile.getParent());
            try (InputStream in = AgentProcessesIT.class.getResourceAsStream("/operations/twostep-package.yaml")) {
                Files.copy(in, packageFile);
            }
            String job = concierge.createJob(concierge.synthesize("twostep source.txt").id()).id();
            concierge.setInputs(job, Map.of("delay_seconds", "4"));
            concierge.generatePlan(job);
            concierge.approve(job, "tester", "kill me");

            Process doomed = start("doomed", "agent", "--id", "doomed", "--lease-seconds", "2");
            await("the copy step completed and the wait step started",
                    () -> ofType(concierge, job, "step.started").stream().anyMatch(e -> "wait".equals(e.stepId())));
            doomed.destroyForcibly(); // SIGKILL: the launcher execs java, so the JVM itself dies
            assertThat(doomed.waitFor(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
            // A reader notices the dead run and marks it FAILED; the lapsed lease still queues it for resume.
            assertThat(shell.bit(shell.work(), "status", job).out()).contains("status: FAILED");
            assertThat(concierge.agents()).singleElement().satisfies(a -> assertThat(a.id()).isEqualTo("doomed"));

            Process rescuer = start("rescuer", "agent", "--id", "rescuer", "--lease-seconds", "2");
            await("the job completed", () -> concierge.job(job).status() == JobStatus.COMPLETED);
            rescuer.destroy();
            assertThat(exitOf(rescuer, "rescuer")).as(err("rescuer")).isZero();

            assertThat(out("rescuer")).contains("claimed " + job + " (demo.twostep@1.0.0), resuming its interrupted run");
            List<Event> started = ofType(concierge, job, "job.started");
            assertThat(started).hasSize(2);
            assertThat(started.get(0).payload()).containsEntry("agent", "doomed");
            assertThat(started.get(1).payload()).containsEntry("agent", "rescuer")
                    .containsEntry("resumes", started.get(0).runId());
            assertThat(((Number) started.get(1).payload().get("lease_token")).longValue())
                    .isGreaterThan(((Number) started.get(0).payload().get("lease_token")).longValue());
            // The copy step ran once; the second run kept its output (step.skipped, then a completed marked skipped).
            assertThat(ofType(concierge, job, "step.started")).extracting(Event::stepId).containsExactly("copy", "wait", "wait");
            assertThat(ofType(concierge, job, "step.skipped")).extracting(Event::stepId).containsExactly("copy");
            assertThat(ofType(concierge, job, "step.completed")).filteredOn(e -> !e.payload().containsKey("skipped"))
                    .extracting(Event::stepId).as("each step done once").containsExactly("copy", "wait");
            assertThat(Files.readString(shell.workspace().resolve("jobs/" + job + "/artifacts/source.txt")))
                    .isEqualTo("copied once\n");
        }
    }

    @Test
    void anApprovalByAnotherBitProcessWakesAnAgentThatWouldSleepAnHour() throws Exception {
        try (Concierge concierge = openWorkspace()) {
            String job = plannedEcho(concierge, "Echo wake up", "0");
            // An hour's lease: without a signal its wait for work would last an hour.
            Process agent = start("sleeper", "agent", "--id", "sleeper", "--lease-seconds", "3600");
            await("the agent announced itself", () -> concierge.agents().size() == 1);
            GuideShell.Result approved = shell.bit(shell.work(), "approve", job, "--by", "reviewer");
            assertThat(approved.exitCode()).as(approved.toString()).isZero();
            await("the job completed", () -> concierge.job(job).status() == JobStatus.COMPLETED);
            agent.destroy();
            assertThat(exitOf(agent, "sleeper")).as(err("sleeper")).isZero();
            assertThat(out("sleeper")).contains("claimed " + job);
        }
    }
}
