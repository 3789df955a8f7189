package io.concierge.api.failure;

/**
 * What a worker throws when its work fails. It carries a short machine-readable {@code type}
 * (for example {@code "input.invalid"} or {@code "tool.missing"}) that the event log records and
 * retry rules match on, and whether trying again could help.
 *
 * <pre>{@code
 * throw WorkerFailure.nonRetryable("input.invalid",
 *         "input audio_file: " + file + " is not a WAV file (RIFF header missing)");
 * }</pre>
 *
 * <p>A worker that wrote a report of what is wrong before failing keeps it for the person to
 * read with {@link #keepOutput}: the runner then moves that file into the job's artifacts
 * although the step failed, and names it in the {@code step.failed} event.
 *
 * <pre>{@code
 * throw WorkerFailure.nonRetryable("data.invalid", "orders.csv has 3 problems; see orders-validation.json")
 *         .keepOutput("report", reportFile);
 * }</pre>
 *
 * @since 0.1.0
 */
public class WorkerFailure extends ConciergeException {
    private static final long serialVersionUID = 1L;

    /** The failure's short dotted type. */
    private final String type;
    /** Whether another attempt might succeed. */
    private final boolean retryable;
    /** Complete outputs to keep although the step failed; paths do not serialize, and need not. */
    private final transient java.util.Map<String, java.nio.file.Path> kept = new java.util.LinkedHashMap<>();

    /**
     * Creates a failure of the given type.
     *
     * @param type      a short dotted word, e.g. {@code input.invalid}
     * @param message   one line: what is wrong and what to do
     * @param retryable whether another attempt might succeed
     * @param cause     the underlying failure, or null
     */
    public WorkerFailure(String type, String message, boolean retryable, Throwable cause) {
        super(Kind.FAILED, message, cause);
        this.type = type;
        this.retryable = retryable;
    }

    /**
     * A failure that will fail again if retried: bad input, a missing tool, a broken file.
     *
     * @param type    a short dotted word, e.g. {@code input.invalid}
     * @param message one line: what is wrong and what to do
     * @return the failure, to throw
     */
    public static WorkerFailure nonRetryable(String type, String message) {
        return new WorkerFailure(type, message, false, null);
    }

    /**
     * A failure that may pass on another attempt: a busy resource, a timeout.
     *
     * @param type    a short dotted word, e.g. {@code device.busy}
     * @param message one line: what is wrong
     * @param cause   the underlying failure, or null
     * @return the failure, to throw
     */
    public static WorkerFailure retryable(String type, String message, Throwable cause) {
        return new WorkerFailure(type, message, true, cause);
    }

    /**
     * The failure's type, a short dotted word such as {@code input.invalid}.
     *
     * @return the type
     */
    public String type() {
        return type;
    }

    /**
     * Whether another attempt might succeed.
     *
     * @return true when a retry could help
     */
    public boolean retryable() {
        return retryable;
    }

    /**
     * Asks the runner to keep an output the worker wrote completely before failing, such as a
     * report that lists what is wrong, so that the person can read it. The file must be in the
     * step's output folder ({@link io.concierge.api.worker.WorkerContext#outputFile}); it is moved
     * into the job's artifacts only when the step fails for good (not when it is retried).
     *
     * @param name the output's name, e.g. {@code report}
     * @param file the complete file
     * @return this failure, to throw
     * @since 0.1.0
     */
    public WorkerFailure keepOutput(String name, java.nio.file.Path file) {
        kept.put(java.util.Objects.requireNonNull(name, "name"), java.util.Objects.requireNonNull(file, "file"));
        return this;
    }

    /**
     * The outputs to keep although the step failed (see {@link #keepOutput}).
     *
     * @return the outputs by name, in the order they were added; empty for most failures
     * @since 0.1.0
     */
    public java.util.Map<String, java.nio.file.Path> keptOutputs() {
        return kept == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(kept);
    }
}
