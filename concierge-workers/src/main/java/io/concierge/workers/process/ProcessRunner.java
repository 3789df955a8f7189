package io.concierge.workers.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs an external tool from an argument list (never through a shell, so no value is ever
 * parsed as shell syntax), hands its standard output to the caller line by line, keeps the
 * tail of its standard error for failure messages, and kills it with all its descendants when
 * a stop is requested or the calling thread is interrupted.
 *
 * <p>Standard-output lines are delivered on the calling thread, not on a reader thread, so a
 * worker can pass them straight to its {@code WorkerContext} without worrying about which
 * thread calls it.
 *
 * <pre>{@code
 * ProcessOutcome outcome = new ProcessRunner().run(
 *         List.of(ffmpeg.toString(), "-i", input.toString(), output.toString()),
 *         scratchDir, line -> parseProgress(line), ctx::isHalted);
 * }</pre>
 *
 * <p>Instances hold only settings and are safe to share between threads.
 */
public final class ProcessRunner {

    private final Duration pollInterval;
    private final Duration stopGrace;
    private final int stderrTailLines;

    /** A runner that polls every 100 ms, allows 2 s for a polite stop and keeps 50 stderr lines. */
    public ProcessRunner() {
        this(Duration.ofMillis(100), Duration.ofSeconds(2), 50);
    }

    /**
     * @param pollInterval    how often a stop request is checked while the process is quiet
     * @param stopGrace       how long a stopped process may take to exit before it is killed
     * @param stderrTailLines how many of the last standard-error lines to keep
     */
    public ProcessRunner(Duration pollInterval, Duration stopGrace, int stderrTailLines) {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, got " + pollInterval);
        }
        if (stopGrace.isNegative()) {
            throw new IllegalArgumentException("stopGrace must not be negative, got " + stopGrace);
        }
        this.pollInterval = pollInterval;
        this.stopGrace = stopGrace;
        this.stderrTailLines = stderrTailLines;
    }

    /**
     * Runs {@code command} in {@code workingDir} until it exits or {@code stopRequested} says
     * yes. Standard input is closed at once: a tool waiting for a keystroke must not hang a job.
     *
     * @param command       the executable's path followed by its arguments
     * @param workingDir    the folder the process starts in
     * @param stdoutLines   receives each standard-output line, on the calling thread
     * @param stopRequested polled while the process runs; when it returns true the process tree is killed
     * @return how the process ended ({@link ProcessOutcome#stopped()} after a stop)
     * @throws IOException          when the process cannot be started
     * @throws InterruptedException when the calling thread is interrupted; the process tree is
     *                              killed before this is thrown
     */
    public ProcessOutcome run(List<String> command, Path workingDir, Consumer<String> stdoutLines,
                              BooleanSupplier stopRequested) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workingDir.toFile()).start();
        String tool = Path.of(command.get(0)).getFileName().toString();
        BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
        LineTail stderr = new LineTail(stderrTailLines);
        Thread stdoutReader = startReader(tool + "-stdout", process.getInputStream(), stdout::add);
        Thread stderrReader = startReader(tool + "-stderr", process.getErrorStream(), stderr::add);
        boolean finished = false;
        try {
            process.getOutputStream().close();
            boolean stopped = pump(process, stdout, stdoutLines, stopRequested);
            if (stopped) {
                ProcessTree.destroy(process.toHandle(), stopGrace);
            }
            // A process that exited may still have lines in flight; a grandchild that kept the
            // pipe open must not hang the caller, hence the bounded joins.
            stdoutReader.join(stopGrace.toMillis() + 1);
            stderrReader.join(stopGrace.toMillis() + 1);
            if (!stopped) {
                for (String line = stdout.poll(); line != null; line = stdout.poll()) {
                    stdoutLines.accept(line);
                }
            }
            ProcessOutcome outcome = new ProcessOutcome(process.waitFor(), stderr.snapshot(), stopped);
            finished = true;
            return outcome;
        } finally {
            if (!finished) {
                // Interrupted, or the caller's line consumer threw: never leave the tool running.
                ProcessTree.destroy(process.toHandle(), stopGrace);
            }
        }
    }

    /** Delivers output lines until the process exits; returns true when a stop was requested. */
    private boolean pump(Process process, BlockingQueue<String> stdout, Consumer<String> stdoutLines,
                         BooleanSupplier stopRequested) throws InterruptedException {
        while (process.isAlive()) {
            if (stopRequested.getAsBoolean()) {
                return true;
            }
            String line = stdout.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            if (line != null) {
                stdoutLines.accept(line);
            }
        }
        return false;
    }

    private static Thread startReader(String name, InputStream stream, Consumer<String> sink) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // The pipe breaks under the reader when the process is killed. Either way the
                // exit code says how the process ended, so a read error is not worth reporting.
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}
