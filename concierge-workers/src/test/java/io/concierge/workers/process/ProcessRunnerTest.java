package io.concierge.workers.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {

    private static final String SH = SearchPath.parse(System.getenv("PATH")).find("sh").orElseThrow().toString();
    private static final String ECHO = SearchPath.parse(System.getenv("PATH")).find("echo").orElseThrow().toString();

    @TempDir
    Path dir;

    private final ProcessRunner runner = new ProcessRunner();

    @Test
    void passesArgumentsVerbatimWithoutAShell() throws Exception {
        List<String> lines = new ArrayList<>();

        ProcessOutcome outcome = runner.run(List.of(ECHO, "a; echo injected", "$HOME", "-n"), dir, lines::add, () -> false);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(lines).containsExactly("a; echo injected $HOME -n");
    }

    @Test
    void reportsExitCodeAndTheMeaningfulEndOfStandardError() throws Exception {
        ProcessOutcome outcome = runner.run(List.of(SH, "-c",
                "echo one >&2; echo two >&2; echo '   ' >&2; echo three >&2; echo >&2; exit 3"), dir, line -> { }, () -> false);

        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.stopped()).isFalse();
        assertThat(outcome.lastMeaningfulLines(2)).containsExactly("two", "three");
        assertThat(outcome.lastMeaningfulLines(10)).containsExactly("one", "two", "three");
    }

    @Test
    void keepsOnlyTheLastStandardErrorLines() throws Exception {
        ProcessRunner smallTail = new ProcessRunner(Duration.ofMillis(50), Duration.ofSeconds(1), 3);

        ProcessOutcome outcome = smallTail.run(List.of(SH, "-c", "for i in 1 2 3 4 5 6; do echo line$i >&2; done"),
                dir, line -> { }, () -> false);

        assertThat(outcome.stderrTail()).containsExactly("line4", "line5", "line6");
    }

    @Test
    void deliversEveryStandardOutputLineOnTheCallingThread() throws Exception {
        List<String> lines = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();

        runner.run(List.of(SH, "-c", "for i in $(seq 1 500); do echo $i; done"), dir, line -> {
            lines.add(line);
            threads.add(Thread.currentThread());
        }, () -> false);

        assertThat(lines).hasSize(500).startsWith("1").endsWith("500");
        assertThat(threads).containsOnly(Thread.currentThread());
    }

    @Test
    void runsInTheGivenWorkingDirectory() throws Exception {
        List<String> lines = new ArrayList<>();

        runner.run(List.of(SH, "-c", "pwd -P"), dir, lines::add, () -> false);

        assertThat(lines).containsExactly(dir.toRealPath().toString());
    }

    @Test
    void stopRequestKillsTheProcessAndItsChildren() throws Exception {
        List<ProcessHandle> seen = new CopyOnWriteArrayList<>();

        ProcessOutcome outcome = runner.run(List.of(SH, "-c", "sleep 300 & sleep 300 & wait"), dir, line -> { }, () -> {
            List<ProcessHandle> sleeps = sleepProcesses();
            if (sleeps.size() < 2) {
                return false;
            }
            seen.addAll(sleeps);
            return true;
        });

        assertThat(outcome.stopped()).isTrue();
        assertThat(outcome.succeeded()).isFalse();
        assertThat(seen).hasSize(2).noneMatch(ProcessTree::isRunning);
    }

    @Test
    void interruptKillsTheProcessAndIsRethrown() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                runner.run(List.of(SH, "-c", "sleep 300"), dir, line -> { }, () -> false);
            } catch (Exception e) {
                thrown.set(e);
            }
        });
        caller.start();
        ProcessHandle sleep = awaitSleepProcess();

        caller.interrupt();
        caller.join();

        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(ProcessTree.isRunning(sleep)).isFalse();
    }

    @Test
    void aFailingLineConsumerDoesNotLeaveTheProcessRunning() {
        AtomicReference<ProcessHandle> sleep = new AtomicReference<>();

        assertThatThrownBy(() -> runner.run(List.of(SH, "-c", "echo hello; exec sleep 300"), dir, line -> {
            sleep.set(awaitSleepProcess());
            throw new IllegalStateException("consumer broke on " + line);
        }, () -> false)).isInstanceOf(IllegalStateException.class).hasMessageContaining("hello");

        assertThat(ProcessTree.isRunning(sleep.get())).isFalse();
    }

    private static ProcessHandle awaitSleepProcess() {
        for (int i = 0; i < 500; i++) {
            List<ProcessHandle> sleeps = sleepProcesses();
            if (!sleeps.isEmpty()) {
                return sleeps.get(0);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the test's sleep process never started");
    }

    private static List<ProcessHandle> sleepProcesses() {
        return ProcessHandle.current().descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith("/sleep")).orElse(false))
                .toList();
    }
}
