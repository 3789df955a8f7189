package io.concierge.testkit;

import io.concierge.api.failure.ConciergeException;
import io.concierge.api.worker.Worker;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerDescriptor;
import io.concierge.api.worker.WorkerResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a worker against the rules every worker must keep, with no test framework needed: it
 * throws an {@link AssertionError} naming each broken rule. Give it inputs and params with which
 * the worker succeeds; it derives the bad cases itself.
 *
 * <pre>{@code
 * @Test
 * void keepsTheWorkerContract() {
 *     WorkerContract.forWorker(new WordCountWorker())
 *             .withInputFile("text_file", "notes.txt", "one two\nthree\n")
 *             .withParam("format", "json")
 *             .check();
 * }
 * }</pre>
 *
 * <p>The rules, each named in brackets in the failure message:
 * <ul>
 *   <li><b>[descriptor]</b> the descriptor is stable, has a description and at least one output,
 *       its input, param and output names are well formed ({@code [a-z][a-z0-9_]*}) and distinct,
 *       and it declares every input and param the contract is given;</li>
 *   <li><b>[validate]</b> {@link Worker#validate} accepts the valid inputs and writes nothing; it
 *       refuses, with a {@link ConciergeException} whose message names the input, each required
 *       input left out or blank and each file input naming a file that does not exist, and it does
 *       so before writing anything;</li>
 *   <li><b>[execute]</b> {@link Worker#execute} succeeds with the valid inputs;</li>
 *   <li><b>[writes]</b> validate and execute write only inside {@link WorkerContext#artifactsDir()}
 *       and {@link WorkerContext#scratchDir()}: every other file of the sandbox, the worker's
 *       input files among them, is left as it was;</li>
 *   <li><b>[outputs]</b> the result reports every declared output and nothing else, each an
 *       existing file inside the artifacts folder;</li>
 *   <li><b>[halt]</b> a worker whose run is halted (from the start, and shortly after it started)
 *       stops within {@link #haltBound(Duration) a bound} (default {@value #DEFAULT_HALT_BOUND_SECONDS}
 *       s, as long as the runner waits) by throwing {@link WorkerContext.HaltedException} (or an
 *       {@link InterruptedException}) or by returning. Skip it with {@link #skipHaltCheck()}.</li>
 * </ul>
 *
 * <p>Each run happens in a fresh sandbox folder on the default file system (a worker may hand its
 * files to a native tool): {@code inputs/} holds the input files, {@code job/artifacts/} is the
 * artifacts folder and {@code job/scratch/} the scratch root; the worker gets a
 * {@link WorkerTestContext} over those folders. The whole sandbox is snapshotted
 * (paths and content hashes) before and after each call and deleted afterwards. A contract is
 * configured by one thread; {@link #check()} may be called more than once.
 *
 * @since 0.1.0
 */
public final class WorkerContract {
    /** How long, in seconds, a halted worker may take to stop by default: as long as the runner waits. */
    public static final long DEFAULT_HALT_BOUND_SECONDS = 5;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Duration HALT_AFTER = Duration.ofMillis(100);
    private static final int MAX_LISTED_CHANGES = 10;

    private final Worker worker;
    private final Map<String, String> inputs = new LinkedHashMap<>();
    private final Map<String, InputFile> inputFiles = new LinkedHashMap<>();
    private final Map<String, String> params = new LinkedHashMap<>();
    private final Map<String, String> haltParams = new LinkedHashMap<>();
    private final Set<String> optionalInputs = new LinkedHashSet<>();
    private boolean haltCheck = true;
    private Duration haltBound = Duration.ofSeconds(DEFAULT_HALT_BOUND_SECONDS);
    private Duration timeout = Duration.ofSeconds(60);

    private WorkerContract(Worker worker) {
        this.worker = Objects.requireNonNull(worker, "worker");
    }

    /**
     * Starts a contract check of {@code worker}.
     *
     * @param worker the worker under test
     * @return a contract to configure with valid inputs, then {@link #check()}
     */
    public static WorkerContract forWorker(Worker worker) {
        return new WorkerContract(worker);
    }

    /**
     * Gives an input a valid text value (a number, a word, a path the test made itself).
     *
     * @param name  the input's name, as the descriptor declares it
     * @param value its value, as a job's {@code job.yaml} would hold it
     * @return this contract
     */
    public WorkerContract withInput(String name, String value) {
        Objects.requireNonNull(name, "name");
        inputFiles.remove(name);
        inputs.put(name, Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Gives several inputs valid text values.
     *
     * @param values the inputs, by name
     * @return this contract
     */
    public WorkerContract withInputs(Map<String, String> values) {
        values.forEach(this::withInput);
        return this;
    }

    /**
     * Makes a file input: a UTF-8 file named {@code fileName} is written into each sandbox's
     * {@code inputs/} folder and the input is bound to its absolute path.
     *
     * @param name     the input's name
     * @param fileName the file's name, with its extension (no folders)
     * @param content  the file's text
     * @return this contract
     */
    public WorkerContract withInputFile(String name, String fileName, String content) {
        return withInputFile(name, fileName, Objects.requireNonNull(content, "content").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Makes a file input from bytes, such as a WAV file the test generated.
     *
     * @param name     the input's name
     * @param fileName the file's name, with its extension (no folders)
     * @param content  the file's bytes
     * @return this contract
     */
    public WorkerContract withInputFile(String name, String fileName, byte[] content) {
        Objects.requireNonNull(content, "content");
        return putFile(name, new InputFile(plainName(fileName), content.clone(), null));
    }

    /**
     * Makes a file input from an existing file, copied (under its own name) into each sandbox.
     *
     * @param name   the input's name
     * @param source the file to copy
     * @return this contract
     */
    public WorkerContract withInputFile(String name, Path source) {
        if (!Files.isRegularFile(Objects.requireNonNull(source, "source"))) {
            throw new IllegalArgumentException("input file " + source + " for input " + name + " is not a regular file");
        }
        return putFile(name, new InputFile(plainName(source.getFileName().toString()), null, source));
    }

    private WorkerContract putFile(String name, InputFile file) {
        Objects.requireNonNull(name, "name");
        inputs.remove(name);
        inputFiles.put(name, file);
        return this;
    }

    /**
     * Gives a param a valid value.
     *
     * @param name  the param's name, as the descriptor declares it
     * @param value its value as text
     * @return this contract
     */
    public WorkerContract withParam(String name, String value) {
        params.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Gives several params valid values.
     *
     * @param values the params, by name
     * @return this contract
     */
    public WorkerContract withParams(Map<String, String> values) {
        values.forEach(this::withParam);
        return this;
    }

    /**
     * Marks an input as optional: the contract does not expect validate to refuse its absence.
     *
     * @param name the input's name
     * @return this contract
     */
    public WorkerContract optionalInput(String name) {
        optionalInputs.add(Objects.requireNonNull(name, "name"));
        return this;
    }

    /**
     * Overrides a param for the halt checks only, to give a worker that is normally quick enough
     * work to be halted in the middle of (e.g. {@code test.echo}'s {@code delay_seconds}).
     *
     * @param name  the param's name
     * @param value its value during the halt checks
     * @return this contract
     */
    public WorkerContract withHaltCheckParam(String name, String value) {
        haltParams.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * How long a halted worker may take to stop (default {@value #DEFAULT_HALT_BOUND_SECONDS} s).
     *
     * @param bound the longest wait for a halted worker
     * @return this contract
     */
    public WorkerContract haltBound(Duration bound) {
        if (bound.isNegative() || bound.isZero()) {
            throw new IllegalArgumentException("halt bound must be positive, got " + bound);
        }
        haltBound = bound;
        return this;
    }

    /**
     * How long one validate or execute call may take before the contract gives up on it
     * (default 60 s).
     *
     * @param limit the longest wait for one call
     * @return this contract
     */
    public WorkerContract timeout(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + limit);
        }
        timeout = limit;
        return this;
    }

    /**
     * Leaves out the [halt] rule, for a worker whose work cannot be made long enough to halt.
     *
     * @return this contract
     */
    public WorkerContract skipHaltCheck() {
        haltCheck = false;
        return this;
    }

    /**
     * Runs every check and throws one {@link AssertionError} listing each broken rule, with the
     * first unexpected exception of the worker as its cause.
     *
     * @throws AssertionError when the worker breaks a rule
     */
    public void check() {
        Violations violations = new Violations();
        WorkerDescriptor descriptor = checkDescriptor(violations);
        // The other rules are checked against the descriptor, so only a sound one is worth running.
        if (descriptor != null && violations.isEmpty()) {
            boolean validInputsAccepted = checkValidate(descriptor, violations);
            if (validInputsAccepted) {
                checkExecute(descriptor, violations);
                if (haltCheck) {
                    checkHalt(true, violations);
                    checkHalt(false, violations);
                }
            }
        }
        violations.throwIfAny(descriptor == null ? worker.getClass().getName()
                : descriptor.id() + "@" + descriptor.version() + " (" + worker.getClass().getName() + ")");
    }

    // --- [descriptor] ---

    private WorkerDescriptor checkDescriptor(Violations violations) {
        WorkerDescriptor descriptor;
        try {
            descriptor = worker.descriptor();
        } catch (RuntimeException e) {
            violations.add("descriptor", "descriptor() threw " + describe(e), e);
            return null;
        }
        if (descriptor == null) {
            violations.add("descriptor", "descriptor() returned null", null);
            return null;
        }
        WorkerDescriptor again = worker.descriptor();
        if (!descriptor.equals(again)) {
            violations.add("descriptor", "descriptor() gave a different answer the second time: " + descriptor
                    + " then " + again + "; a worker's identity must not change", null);
        }
        if (descriptor.description().isBlank()) {
            violations.add("descriptor", "the description is empty; give one line for listings", null);
        }
        if (descriptor.outputs().isEmpty()) {
            violations.add("descriptor", "declares no outputs; a worker reports at least one output file", null);
        }
        names(descriptor).forEach((name, kind) -> {
            if (!NAME.matcher(name).matches()) {
                violations.add("descriptor", kind + " name '" + name + "' is malformed: use lower case letters, digits "
                        + "and '_', starting with a letter, as task packages name it", null);
            }
        });
        for (List<String> list : List.of(descriptor.inputs(), descriptor.params(), descriptor.outputs())) {
            Set<String> inList = new TreeSet<>();
            for (String name : list) {
                if (!inList.add(name)) {
                    violations.add("descriptor", "declares '" + name + "' twice", null);
                }
            }
        }
        for (String param : descriptor.params()) {
            if (descriptor.inputs().contains(param)) {
                violations.add("descriptor", "'" + param + "' is declared both as an input and as a param", null);
            }
        }
        for (String given : validInputNames()) {
            if (!descriptor.inputs().contains(given)) {
                violations.add("descriptor", "input '" + given + "' is given to the contract but the descriptor does not "
                        + "declare it (declared inputs: " + descriptor.inputs() + "); declare every input the worker reads",
                        null);
            }
        }
        Set<String> givenParams = new LinkedHashSet<>(params.keySet());
        givenParams.addAll(haltParams.keySet());
        for (String given : givenParams) {
            if (!descriptor.params().contains(given)) {
                violations.add("descriptor", "param '" + given + "' is given to the contract but the descriptor does not "
                        + "declare it (declared params: " + descriptor.params() + "); declare every param the worker reads",
                        null);
            }
        }
        return descriptor;
    }

    private static Map<String, String> names(WorkerDescriptor descriptor) {
        Map<String, String> names = new LinkedHashMap<>();
        descriptor.inputs().forEach(n -> names.putIfAbsent(n, "input"));
        descriptor.params().forEach(n -> names.putIfAbsent(n, "param"));
        descriptor.outputs().forEach(n -> names.putIfAbsent(n, "output"));
        return names;
    }

    private Set<String> validInputNames() {
        Set<String> names = new LinkedHashSet<>(inputs.keySet());
        names.addAll(inputFiles.keySet());
        return names;
    }

    // --- [validate] ---

    /** Returns whether validate accepted the valid inputs (the later checks need that). */
    private boolean checkValidate(WorkerDescriptor descriptor, Violations violations) {
        try (Sandbox sandbox = new Sandbox()) {
            Map<String, String> valid = sandbox.bind(inputs, inputFiles);
            Snapshot before = Snapshot.of(sandbox.root);
            Call call = Call.start(() -> {
                worker.validate(sandbox.context(valid, params, false));
                return null;
            }, timeout);
            if (!call.finished()) {
                violations.add("validate", "validate did not return within " + human(timeout) + " with the valid inputs", null);
                return false;
            }
            reportChanges(violations, "validate", "validate wrote ", before, Snapshot.of(sandbox.root),
                    sandbox.scratchFolder());
            if (call.failure() != null) {
                violations.add("validate", "validate refused the valid inputs " + valid + " and params " + params + ": "
                        + describe(call.failure()) + " (if those inputs are wrong, give the contract valid ones)",
                        call.failure());
                return false;
            }
        }
        for (String input : descriptor.inputs()) {
            if (!validInputNames().contains(input) || optionalInputs.contains(input)) {
                continue;
            }
            expectRefusal(violations, input, "left out", (valid, sandbox) -> valid.remove(input) != null);
            expectRefusal(violations, input, "blank", (valid, sandbox) -> valid.put(input, "") != null);
            expectRefusal(violations, input, "naming a file that does not exist", (valid, sandbox) -> {
                if (!isExistingFile(valid.get(input))) {
                    return false;
                }
                Path name = Path.of(valid.get(input)).getFileName();
                valid.put(input, sandbox.inputsDir.resolve("missing").resolve(name).toString());
                return true;
            });
        }
        return true;
    }

    /**
     * Expects validate to refuse the valid inputs as {@code spoil} changed them, in a fresh
     * sandbox; {@code spoil} returns false when the case does not apply.
     */
    private void expectRefusal(Violations violations, String input, String how,
                               BiPredicate<Map<String, String>, Sandbox> spoil) {
        try (Sandbox sandbox = new Sandbox()) {
            Map<String, String> values = sandbox.bind(inputs, inputFiles);
            if (!spoil.test(values, sandbox)) {
                return;
            }
            expectRefusal(sandbox, violations, input, values, how);
        }
    }

    private void expectRefusal(Sandbox sandbox, Violations violations, String input, Map<String, String> values,
                               String how) {
        Snapshot before = Snapshot.of(sandbox.root);
        Call call = Call.start(() -> {
            worker.validate(sandbox.context(values, params, false));
            return null;
        }, timeout);
        String what = "with input '" + input + "' " + how;
        if (!call.finished()) {
            violations.add("validate", "validate did not return within " + human(timeout) + " " + what, null);
            return;
        }
        reportChanges(violations, "validate", "validate " + what + " wrote ", before, Snapshot.of(sandbox.root),
                sandbox.scratchFolder());
        Throwable failure = call.failure();
        if (failure == null) {
            violations.add("validate", "validate accepted the inputs " + what + "; it must throw a ConciergeException "
                    + "naming '" + input + "' before any work (e.g. context.inputFile(\"" + input + "\") or "
                    + "context.inputs().require(\"" + input + "\"))", null);
        } else if (!(failure instanceof ConciergeException)) {
            violations.add("validate", "validate " + what + " threw " + describe(failure) + " instead of a "
                    + "ConciergeException (InvalidInputException, NotFoundException or WorkerFailure) naming the input",
                    failure);
        } else if (failure.getMessage() == null || !failure.getMessage().contains(input)) {
            violations.add("validate", "validate " + what + " threw " + describe(failure) + ", whose message does "
                    + "not name the input '" + input + "'; say which input is wrong and what to do", failure);
        }
    }

    private static boolean isExistingFile(String value) {
        try {
            Path path = Path.of(value);
            return path.isAbsolute() && Files.isRegularFile(path);
        } catch (RuntimeException e) {
            return false;
        }
    }

    // --- [execute], [writes], [outputs] ---

    private void checkExecute(WorkerDescriptor descriptor, Violations violations) {
        try (Sandbox sandbox = new Sandbox()) {
            Map<String, String> valid = sandbox.bind(inputs, inputFiles);
            WorkerTestContext context = sandbox.context(valid, params, false);
            Snapshot before = Snapshot.of(sandbox.root);
            Call call = Call.start(() -> {
                worker.validate(context);
                return worker.execute(context);
            }, timeout);
            if (!call.finished()) {
                violations.add("execute", "execute did not finish within " + human(timeout) + " with the valid inputs; "
                        + "give it smaller inputs or a longer timeout(...)", null);
                return;
            }
            reportChanges(violations, "writes", "wrote outside its artifacts folder: ", before, Snapshot.of(sandbox.root),
                    sandbox.ownFolders());
            if (call.failure() != null) {
                violations.add("execute", "execute failed with the valid inputs " + valid + " and params " + params + ": "
                        + describe(call.failure()), call.failure());
                return;
            }
            if (!(call.value() instanceof WorkerResult result)) {
                violations.add("outputs", "execute returned null; return a WorkerResult reporting "
                        + descriptor.outputs(), null);
                return;
            }
            checkOutputs(descriptor, result, sandbox.artifactsDir, violations);
        }
    }

    private static void checkOutputs(WorkerDescriptor descriptor, WorkerResult result, Path artifactsDir,
                                     Violations violations) {
        for (String declared : descriptor.outputs()) {
            if (!result.outputs().containsKey(declared)) {
                violations.add("outputs", "did not report declared output '" + declared + "' (it reported "
                        + result.outputs().keySet() + "); report every output the descriptor declares", null);
            }
        }
        for (Map.Entry<String, Path> output : result.outputs().entrySet()) {
            String name = output.getKey();
            Path file = output.getValue();
            if (!descriptor.outputs().contains(name)) {
                violations.add("outputs", "reported output '" + name + "', which the descriptor does not declare "
                        + "(declared: " + descriptor.outputs() + ")", null);
            }
            if (file == null) {
                violations.add("outputs", "output '" + name + "' is reported with no path", null);
            } else if (!inside(artifactsDir, file)) {
                violations.add("outputs", "output '" + name + "' is " + file + ", outside the artifacts folder "
                        + artifactsDir + "; write outputs with context.outputFile(name)", null);
            } else if (!Files.exists(file)) {
                violations.add("outputs", "output '" + name + "' is " + file + ", which does not exist", null);
            }
        }
    }

    private static boolean inside(Path dir, Path file) {
        if (file.getFileSystem() != dir.getFileSystem()) {
            return false;
        }
        Path normalized = file.toAbsolutePath().normalize();
        if (!normalized.startsWith(dir) || normalized.equals(dir)) {
            return false;
        }
        try {
            return !Files.exists(normalized, LinkOption.NOFOLLOW_LINKS) || normalized.toRealPath().startsWith(dir);
        } catch (IOException e) {
            return false;
        }
    }

    // --- [halt] ---

    private void checkHalt(boolean fromStart, Violations violations) {
        String when = fromStart ? "halted from the start" : "halted " + HALT_AFTER.toMillis() + " ms after it started";
        Map<String, String> haltRunParams = new LinkedHashMap<>(params);
        haltRunParams.putAll(haltParams);
        try (Sandbox sandbox = new Sandbox()) {
            Map<String, String> valid = sandbox.bind(inputs, inputFiles);
            WorkerTestContext context = sandbox.context(valid, haltRunParams, fromStart);
            Snapshot before = Snapshot.of(sandbox.root);
            Call call = Call.start(() -> {
                worker.validate(context);
                return worker.execute(context);
            }, fromStart ? haltBound : HALT_AFTER);
            boolean finishedBeforeHalt = !fromStart && call.finished();
            if (!fromStart && !call.finished()) {
                // As the runner does: flag the halt, then interrupt the worker's thread.
                context.halt();
                call.interrupt();
                call.await(haltBound);
            }
            if (!call.finished()) {
                call.interrupt();
                violations.add("halt", "(" + when + ") the worker was still running " + human(haltBound)
                        + " after the halt (it asked isHalted() " + context.haltQuestions() + " times); call "
                        + "context.checkHalted() in loops and let InterruptedException end blocking waits", null);
                return;
            }
            reportChanges(violations, "writes", "wrote outside its artifacts folder: ", before, Snapshot.of(sandbox.root),
                    sandbox.ownFolders());
            Throwable failure = call.failure();
            if (failure != null && finishedBeforeHalt) {
                violations.add("execute", "execute failed before it was halted, with params " + haltRunParams + ": "
                        + describe(failure), failure);
            } else if (failure != null && !isHaltSignal(failure)) {
                violations.add("halt", "(" + when + ") threw " + describe(failure) + " instead of "
                        + "WorkerContext.HaltedException; let context.checkHalted() throw and do not catch it", failure);
            }
        }
    }

    private static boolean isHaltSignal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WorkerContext.HaltedException || t instanceof InterruptedException
                    || t instanceof InterruptedIOException || t instanceof ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    // --- reporting ---

    private static void reportChanges(Violations violations, String rule, String prefix, Snapshot before, Snapshot after,
                                      Set<String> allowed) {
        List<String> changes = before.changesTo(after).stream()
                .filter(change -> allowed.stream().noneMatch(change::startsWith))
                .toList();
        if (changes.isEmpty()) {
            return;
        }
        List<String> listed = changes.subList(0, Math.min(MAX_LISTED_CHANGES, changes.size()));
        String more = changes.size() > listed.size() ? " and " + (changes.size() - listed.size()) + " more" : "";
        violations.add(rule, prefix + String.join(", ", listed) + more
                + "; write only to context.outputFile(name) or context.scratchDir()", null);
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String plainName(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        if (fileName.isBlank() || fileName.contains("/") || fileName.contains("\\") || fileName.equals("..")
                || fileName.equals(".")) {
            throw new IllegalArgumentException("input file name must be a plain file name, got '" + fileName + "'");
        }
        return fileName;
    }

    /** The broken rules found so far, in order, without repeats. */
    private static final class Violations {
        private final Set<String> lines = new LinkedHashSet<>();
        private Throwable cause;

        void add(String rule, String message, Throwable failure) {
            lines.add("[" + rule + "] " + message);
            if (cause == null && failure != null) {
                cause = failure;
            }
        }

        boolean isEmpty() {
            return lines.isEmpty();
        }

        void throwIfAny(String workerName) {
            if (lines.isEmpty()) {
                return;
            }
            StringBuilder message = new StringBuilder("worker ").append(workerName).append(" breaks the worker contract:");
            lines.forEach(line -> message.append("\n  ").append(line));
            throw new AssertionError(message.toString(), cause);
        }
    }

    /** One input file, given as bytes or as a file to copy. */
    private record InputFile(String fileName, byte[] content, Path source) {
    }

    /** A fresh folder tree for one check: inputs, the artifacts folder and the scratch root. */
    private static final class Sandbox implements AutoCloseable {
        final Path root;
        final Path inputsDir;
        final Path artifactsDir;
        final Path scratchRoot;

        Sandbox() {
            try {
                root = Files.createTempDirectory("worker-contract-").toRealPath();
                inputsDir = Files.createDirectories(root.resolve("inputs"));
                artifactsDir = Files.createDirectories(root.resolve("job").resolve("artifacts"));
                scratchRoot = Files.createDirectories(root.resolve("job").resolve("scratch"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a sandbox for the worker contract", e);
            }
        }

        /** Writes the input files and returns every input's value, file inputs as absolute paths. */
        Map<String, String> bind(Map<String, String> values, Map<String, InputFile> files) {
            Map<String, String> bound = new LinkedHashMap<>(values);
            files.forEach((name, file) -> {
                Path target = inputsDir.resolve(file.fileName());
                try {
                    if (file.source() != null) {
                        Files.copy(file.source(), target);
                    } else {
                        Files.write(target, file.content());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write input file " + target, e);
                }
                bound.put(name, target.toString());
            });
            return bound;
        }

        WorkerTestContext context(Map<String, String> inputs, Map<String, String> params, boolean halted) {
            // Real time, not the builder's fixed clock: the contract runs the worker for real.
            WorkerTestContext.Builder builder = WorkerTestContext.builder(root.resolve("job"))
                    .ids("j_contract", "r_contract", "contract")
                    .artifactsDir(artifactsDir)
                    .scratchDir(scratchRoot.resolve("contract-1"))
                    .clock(Clock.systemUTC())
                    .inputs(inputs)
                    .params(params);
            return (halted ? builder.halted() : builder).build();
        }

        /** Where a worker may write, as the relative path prefixes {@link Snapshot#changesTo} reports. */
        Set<String> ownFolders() {
            return Set.of(root.relativize(artifactsDir) + "/", root.relativize(scratchRoot) + "/");
        }

        /** Where validate may write: the scratch folder only. */
        Set<String> scratchFolder() {
            return Set.of(root.relativize(scratchRoot) + "/");
        }

        @Override
        public void close() {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | UncheckedIOException e) {
                // a worker still running after a failed halt check may hold files; the OS cleans temp
            }
        }
    }

    /** Every path under a root with what it is: a folder, a link and its target, or a file and its content hash. */
    private static final class Snapshot {
        final Map<String, String> entries;

        private Snapshot(Map<String, String> entries) {
            this.entries = entries;
        }

        static Snapshot of(Path root) {
            Map<String, String> entries = new TreeMap<>();
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path p : paths.toList()) {
                    if (p.equals(root)) {
                        continue;
                    }
                    String name = root.relativize(p).toString().replace('\\', '/');
                    if (Files.isSymbolicLink(p)) {
                        entries.put(name, "link to " + Files.readSymbolicLink(p));
                    } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        entries.put(name + "/", "folder");
                    } else {
                        entries.put(name, "file " + sha256(p));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the sandbox " + root, e);
            }
            return new Snapshot(entries);
        }

        /** What changed from this snapshot to {@code later}, one {@code "path (new file)"} line each. */
        List<String> changesTo(Snapshot later) {
            List<String> changes = new ArrayList<>();
            later.entries.forEach((name, what) -> {
                String was = entries.get(name);
                if (was == null) {
                    changes.add(name + " (new " + what.split(" ")[0] + ")");
                } else if (!was.equals(what)) {
                    changes.add(name + " (changed)");
                }
            });
            entries.keySet().stream().filter(name -> !later.entries.containsKey(name))
                    .forEach(name -> changes.add(name + " (deleted)"));
            return changes;
        }

        private static String sha256(Path file) throws IOException {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no SHA-256", e);
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    /** A worker call on a daemon thread of its own, so a call that hangs cannot hang the test. */
    private static final class Call {
        private final Thread thread;
        private final CompletableFuture<Object> outcome = new CompletableFuture<>();

        private Call(WorkerAction action) {
            thread = new Thread(() -> {
                try {
                    outcome.complete(action.run());
                } catch (Throwable t) {
                    outcome.completeExceptionally(t);
                }
            }, "worker-contract");
            thread.setDaemon(true);
        }

        static Call start(WorkerAction action, Duration wait) {
            Call call = new Call(action);
            call.thread.start();
            call.await(wait);
            return call;
        }

        void await(Duration wait) {
            try {
                outcome.get(wait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // finished() and failure() tell
            } catch (InterruptedException e) {
                thread.interrupt();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the worker", e);
            }
        }

        void interrupt() {
            thread.interrupt();
        }

        boolean finished() {
            return outcome.isDone();
        }

        Object value() {
            return outcome.getNow(null);
        }

        Throwable failure() {
            if (!outcome.isCompletedExceptionally()) {
                return null;
            }
            try {
                outcome.join();
                return null;
            } catch (java.util.concurrent.CompletionException e) {
                return e.getCause();
            }
        }
    }

    /** What a {@link Call} runs: validate, then execute. */
    @FunctionalInterface
    private interface WorkerAction {
        Object run() throws Exception;
    }
}
