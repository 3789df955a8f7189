package io.concierge.api.worker;

import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Everything one step's worker gets: who is running, its inputs and params, where it may write,
 * and a way to report progress and notice a halt. It is passed as an argument, never looked up.
 *
 * <pre>{@code
 * public WorkerResult execute(WorkerContext ctx) throws Exception {
 *     Path in = ctx.inputFile("audio_file");
 *     Path out = ctx.outputFile(stem(in) + "-normalized.wav");
 *     for (...) {
 *         ctx.checkHalted();
 *         ctx.progress(done / total, "normalizing");
 *     }
 *     return WorkerResult.builder().output("audio", out).build();
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public interface WorkerContext {

    /**
     * The job this step belongs to.
     *
     * @return the job id
     */
    String jobId();

    /**
     * The run this step is part of.
     *
     * @return the run id
     */
    String runId();

    /**
     * The step's id within the plan.
     *
     * @return the step id
     */
    String stepId();

    /**
     * 1 for the first attempt, 2 for the first retry, and so on.
     *
     * @return the attempt number, from 1
     */
    int attempt();

    /**
     * The step's inputs.
     *
     * @return the inputs
     */
    WorkerInputs inputs();

    /**
     * The step's params.
     *
     * @return the params
     */
    WorkerParams params();

    /**
     * The named input as an existing regular file. Fails with a message naming the input when it
     * is missing, does not exist or is not a regular file.
     *
     * @param name the input's name
     * @return the file, on the workspace's file system
     */
    default Path inputFile(String name) {
        String value = inputs().require(name);
        Path path = artifactsDir().getFileSystem().getPath(value);
        if (!Files.exists(path)) {
            throw new NotFoundException("input " + name + ": file " + value + " does not exist");
        }
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException("input " + name + ": " + value + " is not a regular file");
        }
        return path;
    }

    /**
     * The folder a worker writes its outputs into, and the only one. In a run this is a private
     * staging folder of the step: once the step succeeded and its outputs were checked, the
     * runner moves each one whole into the job's {@code artifacts/} folder, so a crash never
     * leaves half a file there.
     *
     * @return the folder outputs are written to
     */
    Path artifactsDir();

    /**
     * A path for an output file named {@code fileName} inside {@link #artifactsDir()}. Rejects
     * names that are absolute, contain a path separator or {@code ..}, start with a dot, or are
     * otherwise unsafe (the rule of {@link OutputNames}).
     *
     * @param fileName a plain file name such as {@code episode-normalized.wav}
     * @return the path in the artifacts folder
     */
    default Path outputFile(String fileName) {
        java.util.Optional<String> problem = OutputNames.problem(fileName);
        if (problem.isPresent()) {
            throw new InvalidInputException("output file name '" + fileName + "' of step " + stepId()
                    + " is not allowed: it " + problem.get() + "; use a plain file name without '/', '..' or a leading '.'");
        }
        return artifactsDir().resolve(fileName);
    }

    /**
     * A private scratch folder for this attempt, deleted when the step ends.
     *
     * @return the scratch folder, created on first use
     */
    Path scratchDir();

    /**
     * Reports progress of long work as a {@code step.progress} event. Calls are rate limited by
     * the runner, so call it as often as convenient.
     *
     * @param fraction done so far, from 0 to 1
     * @param message  a few words on what is happening
     */
    void progress(double fraction, String message);

    /**
     * Writes a line to the job's log for a person watching the run (a {@code step.log} event:
     * {@code bit tail}, the dashboard's live log, {@code bit run}'s standard error), e.g. which
     * tool version ran or why a setting was adjusted. Not for data: outputs go in files.
     *
     * <p>Contexts that keep no log (a host's own test double) may drop lines; that is the
     * default. The runner keeps at most a few thousand lines per attempt and one line each.
     *
     * @param level   how much a reader should care
     * @param message one line
     */
    default void log(LogLevel level, String message) {
    }

    /**
     * Writes an information line to the job's log; see {@link #log(LogLevel, String)}.
     *
     * @param message one line
     */
    default void log(String message) {
        log(LogLevel.INFO, message);
    }

    /**
     * Writes a warning line to the job's log; see {@link #log(LogLevel, String)}.
     *
     * @param message one line
     */
    default void warn(String message) {
        log(LogLevel.WARNING, message);
    }

    /** How much a reader of the job's log should care about a line. */
    enum LogLevel {
        /** What happened, for the record. */
        INFO,
        /** Something a person may want to act on, though the step goes on. */
        WARNING
    }

    /**
     * Whether the run has been asked to stop.
     *
     * @return true once a halt (or a timeout) was requested
     */
    boolean isHalted();

    /** Throws {@link HaltedException} when the run has been asked to stop; call it in loops. */
    default void checkHalted() {
        if (isHalted()) {
            throw new HaltedException("step " + stepId() + " of job " + jobId() + " was halted");
        }
    }

    /**
     * The clock of this Concierge; use it rather than the system clock so tests control time.
     *
     * @return the clock
     */
    Clock clock();

    /** Thrown by {@link #checkHalted()} to unwind a worker promptly when its run is halted. */
    final class HaltedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message which step of which job was halted
         */
        public HaltedException(String message) {
            super(message);
        }
    }
}
