package io.concierge.workers.process;

import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerContext.HaltedException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs external processes for one worker step, in the step's scratch folder, and turns a halt
 * of the run or an interrupt of the worker's thread into a killed process tree followed by
 * {@link HaltedException}.
 *
 * <pre>{@code
 * StepProcesses processes = new StepProcesses(runner, ctx);
 * ProcessOutcome outcome = processes.run(List.of(ffmpeg.toString(), ...), this::onProgressLine);
 * if (!outcome.succeeded()) { ... outcome.lastMeaningfulLines(5) ... }
 * }</pre>
 */
public final class StepProcesses {
    private final ProcessRunner runner;
    private final WorkerContext context;

    /**
     * @param runner  how processes are run
     * @param context the step whose halt stops them
     */
    public StepProcesses(ProcessRunner runner, WorkerContext context) {
        this.runner = runner;
        this.context = context;
    }

    /**
     * Runs the command to its end. A non-zero exit is returned, not thrown: what it means is
     * the caller's to say.
     *
     * @param command     the executable's absolute path followed by its arguments
     * @param stdoutLines receives each standard-output line on the calling thread
     * @return how the process ended; never a stopped outcome
     * @throws HaltedException when the run was halted or the thread interrupted (the process
     *                         tree is gone by then)
     * @throws WorkerFailure   of type {@code tool.failed} when the process cannot be started
     */
    public ProcessOutcome run(List<String> command, Consumer<String> stdoutLines) {
        String tool = Path.of(command.get(0)).getFileName().toString();
        ProcessOutcome outcome;
        try {
            outcome = runner.run(command, context.scratchDir(), stdoutLines, context::isHalted);
        } catch (IOException e) {
            throw new WorkerFailure("tool.failed", "could not start " + tool + ": " + e.getMessage(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.checkHalted();
            throw new HaltedException("step " + context.stepId() + " of job " + context.jobId()
                    + " was interrupted while " + tool + " ran");
        }
        if (outcome.stopped()) {
            context.checkHalted();
            // isHalted() said yes a moment ago; a context cannot take a halt back, but never
            // hand a killed process's outcome to a caller that expects a finished one.
            throw new HaltedException("step " + context.stepId() + " of job " + context.jobId() + " was halted");
        }
        return outcome;
    }
}
