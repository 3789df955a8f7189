package io.concierge.workers.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Ends a process together with every process it started, and tells whether one still runs. */
public final class ProcessTree {

    /** How long to wait for the kernel to reap processes after SIGKILL. */
    private static final Duration REAP_WAIT = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 10;

    private ProcessTree() {
    }

    /**
     * Asks the process and its descendants to stop, waits up to {@code grace}, then kills the
     * survivors and waits for them to be gone. Descendants are listed before the parent is
     * touched: once it dies they are re-parented and can no longer be found through it.
     *
     * <p>An interrupt of the calling thread does not cut this short (a half-killed tree would
     * leak processes); it is remembered and restored on return.
     *
     * @param root  the process to end with its descendants
     * @param grace how long they may take to exit after SIGTERM before they get SIGKILL
     */
    public static void destroy(ProcessHandle root, Duration grace) {
        boolean interrupted = Thread.interrupted();
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        tree.forEach(ProcessHandle::destroy);
        interrupted |= awaitExit(tree, grace);
        // A parent that outlived the grace period may have started new children meanwhile.
        List<ProcessHandle> survivors = new ArrayList<>(root.descendants().toList());
        tree.stream().filter(ProcessTree::isRunning).filter(h -> !survivors.contains(h)).forEach(survivors::add);
        survivors.forEach(ProcessHandle::destroyForcibly);
        interrupted |= awaitExit(survivors, REAP_WAIT);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until every handle has exited or the timeout passed; returns whether the thread was
     * interrupted meanwhile. Polls {@link #isRunning} because
     * {@link ProcessHandle#onExit()} notices the end of a process that is not a direct child
     * only seconds late.
     */
    private static boolean awaitExit(List<ProcessHandle> handles, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        while (handles.stream().anyMatch(ProcessTree::isRunning) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        return interrupted;
    }

    /**
     * Whether the process still runs. Unlike {@link ProcessHandle#isAlive()}, a zombie (a
     * process that has exited but whose parent has not collected its exit status yet) counts as
     * ended: it holds no resources, and orphans wait as zombies until the system's init process
     * collects them, which in some containers takes seconds.
     */
    public static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String text = Files.readString(stat, StandardCharsets.ISO_8859_1);
            // "pid (command) state ...": the command may hold spaces and parentheses, the state follows the last ')'.
            int end = text.lastIndexOf(')');
            return end < 0 || end + 2 >= text.length() || text.charAt(end + 2) != 'Z';
        } catch (NoSuchFileException e) {
            return !Files.isDirectory(Path.of("/proc", "self")) && process.isAlive();
        } catch (IOException e) {
            return true;
        }
    }
}
