package io.concierge.api.worker;

/**
 * A unit of real work that a task package's step names by id: normalize loudness, copy a file,
 * encode MP3. Workers are found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.concierge.api.worker.Worker} of its jar.
 *
 * <pre>{@code
 * public final class UppercaseWorker implements Worker {
 *     public WorkerDescriptor descriptor() {
 *         return new WorkerDescriptor("text.upper", "1.0.0", "Upper-cases a text file",
 *                 List.of("text_file"), List.of(), List.of("text"));
 *     }
 *
 *     public void validate(WorkerContext ctx) {
 *         ctx.inputFile("text_file"); // fails before any work when it is missing
 *     }
 *
 *     public WorkerResult execute(WorkerContext ctx) throws IOException {
 *         Path in = ctx.inputFile("text_file");
 *         Path out = ctx.outputFile("upper-" + in.getFileName());
 *         Files.writeString(out, Files.readString(in).toUpperCase(Locale.ROOT));
 *         return WorkerResult.builder().output("text", out).build();
 *     }
 * }
 * }</pre>
 *
 * <p>The rules every worker keeps: check its inputs in {@link #validate} before doing any work;
 * write only inside {@link WorkerContext#artifactsDir()} (and its scratch folder); report every
 * output it declares; call {@link WorkerContext#checkHalted()} in long loops. Implementations must
 * be thread-safe: one instance may run steps of several jobs at once.
 *
 * @since 0.1.0
 */
public interface Worker {

    /**
     * Identity, version and the names of inputs, params and outputs.
     *
     * @return the descriptor; the same every time
     */
    WorkerDescriptor descriptor();

    /**
     * Checks inputs and params before any work, throwing a {@link io.concierge.api.failure.ConciergeException}
     * (usually {@link io.concierge.api.failure.WorkerFailure} or
     * {@link io.concierge.api.failure.InvalidInputException}) that names the input and the problem.
     *
     * @param context the step's context, as execute will get it
     */
    default void validate(WorkerContext context) {
    }

    /**
     * Does the work. Throw {@link io.concierge.api.failure.WorkerFailure} for failures with a
     * type and retry flag; any other exception is recorded as a non-retryable failure of type
     * {@code worker.error}.
     *
     * @param context the step's context
     * @return the output files and metrics
     * @throws Exception anything the work throws; it fails the step
     */
    WorkerResult execute(WorkerContext context) throws Exception;
}
