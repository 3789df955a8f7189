package io.concierge.testkit;

import io.concierge.api.failure.WorkerFailure;
import io.concierge.api.worker.Worker;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerDescriptor;
import io.concierge.api.worker.WorkerResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker whose behaviour a test scripts and whose calls it inspects afterwards, in the manner
 * of OkHttp's {@code MockWebServer}: say what it writes, how often it fails and how long it takes,
 * run the job, then take the invocations one by one.
 *
 * <pre>{@code
 * FakeWorker normalize = FakeWorker.builder("audio.normalize")
 *         .version("1.0.0")
 *         .outputs("audio", "report")
 *         .writes("audio", "out.wav", "RIFF....")
 *         .failsFirst(1, "device.busy", "the sound card is busy")   // retryable
 *         .build();
 * // ... install it with TestConcierge.builder().worker(normalize), run a job ...
 * FakeWorker.Invocation first = normalize.takeInvocation();
 * first.attempt();                      // 1
 * first.params().get("target_loudness"); // "-14"
 * normalize.takeInvocation().attempt();  // 2, the retry
 * }</pre>
 *
 * <p>On success it writes every declared output into the job's artifacts folder: the scripted
 * file when {@link Builder#writes} named one, else {@code <step>-<output>.txt} holding
 * {@code "fake <output>"}. It is thread-safe; invocations are counted across all jobs it serves.
 *
 * @since 0.1.0
 */
public final class FakeWorker implements Worker {
    private static final Duration DEFAULT_TAKE_TIMEOUT = Duration.ofSeconds(5);

    private final WorkerDescriptor descriptor;
    private final Map<String, ScriptedFile> writes;
    private final int failFirst;
    private final Failure failFirstWith;
    private final Failure failAlways;
    private final Duration delay;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Invocation> untaken = new LinkedBlockingQueue<>();

    private FakeWorker(Builder b) {
        List<String> outputs = new ArrayList<>(b.outputs);
        b.writes.keySet().stream().filter(o -> !outputs.contains(o)).forEach(outputs::add);
        this.descriptor = new WorkerDescriptor(b.id, b.version, "fake " + b.id, b.inputs, b.params, outputs);
        this.writes = Map.copyOf(b.writes);
        this.failFirst = b.failFirst;
        this.failFirstWith = b.failFirstWith;
        this.failAlways = b.failAlways;
        this.delay = b.delay;
    }

    /**
     * Starts a fake with the worker id a package's step names, e.g. {@code audio.normalize}.
     *
     * @param id the worker id, dotted lower case
     * @return a builder for the fake
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** One call of {@link #execute}, as the runner made it. */
    public record Invocation(String jobId, String runId, String stepId, int attempt, Map<String, String> inputs,
                             Map<String, String> params) {
        /**
         * Copies the maps.
         *
         * @param jobId   the job the step belongs to
         * @param runId   the run
         * @param stepId  the step's id in the plan
         * @param attempt 1 for the first attempt, 2 for the first retry, and so on
         * @param inputs  the step's inputs as bound
         * @param params  the step's params as bound
         */
        public Invocation {
            inputs = Map.copyOf(inputs);
            params = Map.copyOf(params);
        }
    }

    @Override
    public WorkerDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public WorkerResult execute(WorkerContext ctx) throws Exception {
        Invocation invocation = new Invocation(ctx.jobId(), ctx.runId(), ctx.stepId(), ctx.attempt(),
                ctx.inputs().asMap(), ctx.params().asMap());
        invocations.add(invocation);
        untaken.add(invocation);
        int call = calls.incrementAndGet();
        waitOut(ctx);
        if (failAlways != null) {
            throw WorkerFailure.nonRetryable(failAlways.type, failAlways.message);
        }
        if (call <= failFirst) {
            throw WorkerFailure.retryable(failFirstWith.type, failFirstWith.message, null);
        }
        WorkerResult.Builder result = WorkerResult.builder().metric("fake_call", call);
        for (String output : descriptor.outputs()) {
            ScriptedFile file = writes.getOrDefault(output,
                    new ScriptedFile(ctx.stepId() + "-" + output + ".txt", "fake " + output));
            Path path = ctx.outputFile(file.name);
            Files.writeString(path, file.content, StandardCharsets.UTF_8);
            result.output(output, path);
        }
        return result.build();
    }

    private void waitOut(WorkerContext ctx) {
        long end = System.nanoTime() + delay.toNanos();
        while (true) {
            ctx.checkHalted();
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WorkerContext.HaltedException("fake worker " + descriptor.id() + " was interrupted");
            }
        }
    }

    /**
     * Every invocation so far, oldest first (taken ones included).
     *
     * @return the invocations, in call order
     */
    public List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    /**
     * How many times the runner called {@link #execute}.
     *
     * @return the number of calls, across all jobs
     */
    public int invocationCount() {
        return invocations.size();
    }

    /**
     * The oldest invocation not yet taken, waiting up to 5 seconds for one (a run on another
     * thread may still be on its way).
     *
     * @return the oldest invocation not taken yet
     * @throws AssertionError when none comes in time
     */
    public Invocation takeInvocation() {
        return takeInvocation(DEFAULT_TAKE_TIMEOUT);
    }

    /**
     * The oldest invocation not yet taken, waiting up to {@code timeout} for one.
     *
     * @param timeout how long to wait for one
     * @return the oldest invocation not taken yet
     * @throws AssertionError when none comes in time
     */
    public Invocation takeInvocation(Duration timeout) {
        try {
            Invocation next = untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("fake worker " + descriptor.id() + " was not invoked again within " + timeout
                        + " (" + invocations.size() + " invocations, all taken)");
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for an invocation of " + descriptor.id(), e);
        }
    }

    @Override
    public String toString() {
        return "FakeWorker[" + descriptor.id() + "@" + descriptor.version() + ", " + invocations.size() + " invocations]";
    }

    private record ScriptedFile(String name, String content) {
    }

    private record Failure(String type, String message) {
    }

    /** Scripts a {@link FakeWorker}. */
    public static final class Builder {
        private final String id;
        private String version = "1.0.0";
        private final List<String> inputs = new ArrayList<>();
        private final List<String> params = new ArrayList<>();
        private final List<String> outputs = new ArrayList<>();
        private final Map<String, ScriptedFile> writes = new LinkedHashMap<>();
        private int failFirst;
        private Failure failFirstWith;
        private Failure failAlways;
        private Duration delay = Duration.ZERO;

        private Builder(String id) {
            this.id = Objects.requireNonNull(id, "id");
        }

        /**
         * The worker version (default {@code 1.0.0}); a step needing a higher one will not find it.
         *
         * @param value {@code MAJOR.MINOR.PATCH}
         * @return this builder
         */
        public Builder version(String value) {
            version = Objects.requireNonNull(value, "version");
            return this;
        }

        /**
         * Names of the inputs it declares (recorded either way; the planner may check them).
         *
         * @param names the input names
         * @return this builder
         */
        public Builder inputs(String... names) {
            inputs.addAll(List.of(names));
            return this;
        }

        /**
         * Names of the params it declares.
         *
         * @param names the param names
         * @return this builder
         */
        public Builder params(String... names) {
            params.addAll(List.of(names));
            return this;
        }

        /**
         * Names of the outputs it reports; each gets a file on success.
         *
         * @param names the output names
         * @return this builder
         */
        public Builder outputs(String... names) {
            outputs.addAll(List.of(names));
            return this;
        }

        /**
         * On success, writes {@code content} to {@code fileName} in the artifacts folder as {@code output}.
         *
         * @param output   the output name (declared if it was not)
         * @param fileName the file's name in the artifacts folder
         * @param content  the file's text
         * @return this builder
         */
        public Builder writes(String output, String fileName, String content) {
            writes.put(Objects.requireNonNull(output, "output"),
                    new ScriptedFile(Objects.requireNonNull(fileName, "fileName"), Objects.requireNonNull(content, "content")));
            return this;
        }

        /**
         * Fails the first {@code times} calls with a retryable {@link WorkerFailure}, then succeeds.
         *
         * @param times   how many calls fail
         * @param type    the failure's type, e.g. {@code device.busy}
         * @param message the failure's message
         * @return this builder
         */
        public Builder failsFirst(int times, String type, String message) {
            if (times < 0) {
                throw new IllegalArgumentException("times must be 0 or more, got " + times);
            }
            failFirst = times;
            failFirstWith = new Failure(Objects.requireNonNull(type, "type"), Objects.requireNonNull(message, "message"));
            return this;
        }

        /**
         * Fails every call with a non-retryable {@link WorkerFailure}.
         *
         * @param type    the failure's type, e.g. {@code input.invalid}
         * @param message the failure's message
         * @return this builder
         */
        public Builder failsAlways(String type, String message) {
            failAlways = new Failure(Objects.requireNonNull(type, "type"), Objects.requireNonNull(message, "message"));
            return this;
        }

        /**
         * Takes {@code value} of real time per call before answering, checking
         * {@link WorkerContext#checkHalted()} every few milliseconds so a halt or timeout ends it early.
         *
         * @param value how long each call takes
         * @return this builder
         */
        public Builder delay(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative, got " + value);
            }
            delay = value;
            return this;
        }

        /**
         * Builds the fake; it fails here when the id or version is malformed.
         *
         * @return the fake worker
         */
        public FakeWorker build() {
            return new FakeWorker(this);
        }
    }
}
