package io.concierge.workers.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessTreeTest {

    private static final String SH = SearchPath.parse(System.getenv("PATH")).find("sh").orElseThrow().toString();

    @Test
    void aZombieIsNotRunningThoughTheJdkCallsItAlive() throws Exception {
        // The child 'true' exits at once; its parent becomes 'sleep', which never collects it.
        Process parent = new ProcessBuilder(SH, "-c", "true & exec sleep 300").start();
        try {
            ProcessHandle zombie = awaitChildOf(parent.toHandle());
            for (int i = 0; i < 500 && ProcessTree.isRunning(zombie); i++) {
                Thread.sleep(10);
            }

            assertThat(zombie.isAlive()).isTrue();
            assertThat(ProcessTree.isRunning(zombie)).isFalse();
            assertThat(ProcessTree.isRunning(parent.toHandle())).isTrue();
        } finally {
            ProcessTree.destroy(parent.toHandle(), Duration.ofSeconds(1));
        }
        assertThat(ProcessTree.isRunning(parent.toHandle())).isFalse();
    }

    @Test
    void destroyEndsTheWholeTreeEvenWhenTheParentIgnoresSigtermAndStartsNewChildren() throws Exception {
        // The shell survives SIGTERM; when its first child dies it starts another one.
        Process parent = new ProcessBuilder(SH, "-c", "trap '' TERM; (trap - TERM; exec sleep 307) & wait; sleep 308 & wait").start();
        ProcessHandle child = awaitChildOf(parent.toHandle());

        ProcessTree.destroy(parent.toHandle(), Duration.ofMillis(300));

        assertThat(ProcessTree.isRunning(parent.toHandle())).isFalse();
        assertThat(ProcessTree.isRunning(child)).isFalse();
        assertThat(ProcessHandle.allProcesses().filter(ProcessTree::isRunning)
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains("308")).orElse(false)))
                .isEmpty();
    }

    private static ProcessHandle awaitChildOf(ProcessHandle parent) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            Optional<ProcessHandle> child = parent.children().findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("the test's child process never started");
    }
}
