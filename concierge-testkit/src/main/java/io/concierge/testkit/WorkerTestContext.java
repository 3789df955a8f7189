package io.concierge.testkit;

import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerInputs;
import io.concierge.api.worker.WorkerParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A {@link WorkerContext} for calling a worker directly in a unit test, without a workspace or a
 * runner: inputs and params from the test, real folders under a root the test owns (a worker may
 * hand them to a native tool), the runner's rules for paths, a halt switch, and a record of what
 * the worker reported. {@link WorkerContract} runs workers in the same context.
 *
 * <pre>{@code
 * @Test
 * void countsWords(@TempDir Path tmp) throws Exception {
 *     Path notes = Files.writeString(tmp.resolve("notes.txt"), "one two\nthree\n");
 *     WorkerTestContext ctx = WorkerTestContext.builder(tmp.resolve("step"))
 *             .input("text_file", notes)
 *             .param("format", "json")
 *             .haltAfterProgress(100)
 *             .build();
 *     WorkerResult result = new WordCountWorker().execute(ctx);
 *     assertThat(result.outputs()).containsKey("report");
 *     assertThat(ctx.progressReports()).last().extracting(WorkerTestContext.Progress::fraction).isEqualTo(1.0);
 * }
 * }</pre>
 *
 * <p>{@link #artifactsDir()} is {@code <root>/artifacts} (created by {@link Builder#build()}) and
 * {@link #scratchDir()} is {@code <root>/scratch}, created on first use as the runner does. Progress
 * outside 0..1 or without a message is refused with an {@link IllegalArgumentException}, so a
 * worker's progress bug fails its test. Thread-safe: a worker may report and ask from any thread.
 *
 * @since 0.1.0
 */
public final class WorkerTestContext implements WorkerContext {

    private final String jobId;
    private final String runId;
    private final String stepId;
    private final int attempt;
    private final WorkerInputs inputs;
    private final WorkerParams params;
    private final Path artifactsDir;
    private final Path scratchPath;
    private final Clock clock;
    private final BooleanSupplier haltWhen;
    private final int haltAfterProgress;
    private final Consumer<Progress> onProgress;
    private final AtomicBoolean halted;
    private final AtomicInteger haltQuestions = new AtomicInteger();
    private final List<Progress> progress = new CopyOnWriteArrayList<>();
    private final List<LogLine> logLines = new CopyOnWriteArrayList<>();
    private boolean scratchCreated;

    private WorkerTestContext(Builder b, Path artifactsDir) {
        this.jobId = b.jobId;
        this.runId = b.runId;
        this.stepId = b.stepId;
        this.attempt = b.attempt;
        this.inputs = new WorkerInputs(b.inputs);
        this.params = new WorkerParams(b.params);
        this.artifactsDir = artifactsDir;
        this.scratchPath = b.scratchDir != null ? b.scratchDir : b.root.resolve("scratch");
        this.clock = b.clock;
        this.haltWhen = b.haltWhen;
        this.haltAfterProgress = b.haltAfterProgress;
        this.onProgress = b.onProgress;
        this.halted = new AtomicBoolean(b.halted);
    }

    /**
     * Starts a context whose folders live under {@code root}.
     *
     * @param root a folder the test owns, such as a JUnit {@code @TempDir}; created when missing
     * @return a builder with ids {@code j_test}, {@code r_test}, step {@code step}, attempt 1, no
     *         inputs or params, a clock standing at {@link MutableClock#DEFAULT_START} and no halt
     */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /** Asks the worker to stop, as {@code Concierge.halt} does: {@link #isHalted()} says yes from now on. */
    public void halt() {
        halted.set(true);
    }

    /**
     * How often the worker asked {@link #isHalted()}, directly or through {@link #checkHalted()}.
     *
     * @return the number of questions so far
     */
    public int haltQuestions() {
        return haltQuestions.get();
    }

    /**
     * The progress reports so far, oldest first.
     *
     * @return an immutable copy of the reports
     */
    public List<Progress> progressReports() {
        return List.copyOf(progress);
    }

    /**
     * The lines the worker logged so far, oldest first.
     *
     * @return the lines
     */
    public List<LogLine> logLines() {
        return List.copyOf(logLines);
    }

    /**
     * The fractions of the progress reports so far, oldest first.
     *
     * @return an immutable list of fractions
     */
    public List<Double> progressFractions() {
        return progress.stream().map(Progress::fraction).toList();
    }

    @Override
    public String jobId() {
        return jobId;
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public String stepId() {
        return stepId;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public WorkerInputs inputs() {
        return inputs;
    }

    @Override
    public WorkerParams params() {
        return params;
    }

    @Override
    public Path artifactsDir() {
        return artifactsDir;
    }

    @Override
    public synchronized Path scratchDir() {
        if (!scratchCreated) {
            try {
                Files.createDirectories(scratchPath);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the scratch folder " + scratchPath, e);
            }
            scratchCreated = true;
        }
        return scratchPath;
    }

    /**
     * Records the report, then calls the builder's {@link Builder#onProgress listener}.
     *
     * @throws IllegalArgumentException when {@code fraction} is outside 0..1 or the message is blank
     */
    @Override
    public void progress(double fraction, String message) {
        if (!(fraction >= 0.0 && fraction <= 1.0)) {
            throw new IllegalArgumentException("progress fraction must be within 0..1, got " + fraction);
        }
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("progress at " + fraction + " has no message; say what is happening");
        }
        Progress report = new Progress(fraction, message);
        progress.add(report);
        if (haltAfterProgress >= 0 && progress.size() >= haltAfterProgress) {
            halted.set(true);
        }
        onProgress.accept(report);
    }

    /**
     * Yes once {@link #halt()} was called, the builder's halt condition holds, the worker made the
     * builder's number of progress reports, or the calling thread is interrupted (the runner
     * interrupts a halted worker's thread).
     */
    @Override
    public boolean isHalted() {
        haltQuestions.incrementAndGet();
        return halted.get() || haltWhen.getAsBoolean() || Thread.currentThread().isInterrupted();
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public void log(LogLevel level, String message) {
        logLines.add(new LogLine(level == null ? LogLevel.INFO : level, message == null ? "" : message));
    }

    /**
     * One line a worker logged.
     *
     * @param level   how much a reader should care
     * @param message the line
     */
    public record LogLine(LogLevel level, String message) {
    }

    /**
     * One progress report.
     *
     * @param fraction done so far, from 0 to 1
     * @param message  what the worker said it was doing
     */
    public record Progress(double fraction, String message) {
    }

    /** Configures a {@link WorkerTestContext}; made by {@link WorkerTestContext#builder(Path)}. */
    public static final class Builder {
        private final Path root;
        private final Map<String, String> inputs = new LinkedHashMap<>();
        private final Map<String, String> params = new LinkedHashMap<>();
        private String jobId = "j_test";
        private String runId = "r_test";
        private String stepId = "step";
        private int attempt = 1;
        private Path artifactsDir;
        private Path scratchDir;
        private Clock clock = Clock.fixed(MutableClock.DEFAULT_START, ZoneOffset.UTC);
        private BooleanSupplier haltWhen = () -> false;
        private int haltAfterProgress = -1;
        private Consumer<Progress> onProgress = report -> { };
        private boolean halted;

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "root");
        }

        /**
         * Sets an input; a file input takes the file's path.
         *
         * @param name  the input's name
         * @param value its value; {@link Object#toString()} is used, so a {@link Path} or a number will do
         * @return this builder
         */
        public Builder input(String name, Object value) {
            inputs.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value").toString());
            return this;
        }

        /**
         * Sets several inputs.
         *
         * @param values the inputs, by name
         * @return this builder
         */
        public Builder inputs(Map<String, String> values) {
            values.forEach(this::input);
            return this;
        }

        /**
         * Sets a param.
         *
         * @param name  the param's name
         * @param value its value; {@link Object#toString()} is used
         * @return this builder
         */
        public Builder param(String name, Object value) {
            params.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value").toString());
            return this;
        }

        /**
         * Sets several params.
         *
         * @param values the params, by name
         * @return this builder
         */
        public Builder params(Map<String, String> values) {
            values.forEach(this::param);
            return this;
        }

        /**
         * Names the job, run and step the worker sees.
         *
         * @param job  the job id
         * @param run  the run id
         * @param step the step id
         * @return this builder
         */
        public Builder ids(String job, String run, String step) {
            this.jobId = Objects.requireNonNull(job, "job");
            this.runId = Objects.requireNonNull(run, "run");
            this.stepId = Objects.requireNonNull(step, "step");
            return this;
        }

        /**
         * Sets the attempt number, for a worker that behaves differently on a retry.
         *
         * @param number 1 for the first attempt
         * @return this builder
         */
        public Builder attempt(int number) {
            if (number < 1) {
                throw new IllegalArgumentException("attempt must be at least 1, got " + number);
            }
            this.attempt = number;
            return this;
        }

        /**
         * Puts the artifacts folder somewhere other than {@code <root>/artifacts}.
         *
         * @param folder the artifacts folder; created by {@link #build()}
         * @return this builder
         */
        public Builder artifactsDir(Path folder) {
            this.artifactsDir = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /**
         * Puts the scratch folder somewhere other than {@code <root>/scratch}.
         *
         * @param folder the scratch folder; created on first use
         * @return this builder
         */
        public Builder scratchDir(Path folder) {
            this.scratchDir = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /**
         * Sets the clock the worker sees, such as a {@link MutableClock} or {@link Clock#systemUTC()}.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * Starts the context halted, as a run halted before the step began.
         *
         * @return this builder
         */
        public Builder halted() {
            this.halted = true;
            return this;
        }

        /**
         * Makes {@link WorkerTestContext#isHalted()} also say yes whenever {@code condition} does.
         *
         * @param condition asked on every {@code isHalted()} call, on the worker's thread
         * @return this builder
         */
        public Builder haltWhen(BooleanSupplier condition) {
            this.haltWhen = Objects.requireNonNull(condition, "condition");
            return this;
        }

        /**
         * Halts the run once the worker has made {@code reports} progress reports: a halt in the
         * middle of the work, at a point that does not depend on timing.
         *
         * @param reports the number of reports after which the run is halted (at least 1)
         * @return this builder
         */
        public Builder haltAfterProgress(int reports) {
            if (reports < 1) {
                throw new IllegalArgumentException("reports must be at least 1, got " + reports);
            }
            this.haltAfterProgress = reports;
            return this;
        }

        /**
         * Calls {@code listener} on every progress report, on the reporting thread, after it is recorded.
         *
         * @param listener receives each report
         * @return this builder
         */
        public Builder onProgress(Consumer<Progress> listener) {
            this.onProgress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Creates the artifacts folder and the context.
         *
         * @return the context
         * @throws UncheckedIOException when the artifacts folder cannot be created
         */
        public WorkerTestContext build() {
            Path artifacts = artifactsDir != null ? artifactsDir : root.resolve("artifacts");
            try {
                Files.createDirectories(artifacts);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the artifacts folder " + artifacts, e);
            }
            return new WorkerTestContext(this, artifacts);
        }
    }
}
