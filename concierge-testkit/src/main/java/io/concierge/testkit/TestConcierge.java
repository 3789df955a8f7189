package io.concierge.testkit;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.concierge.api.trust.KeyRing;
import io.concierge.api.Concierge;
import io.concierge.api.ConciergeOptions;
import io.concierge.api.IdGenerator;
import io.concierge.api.agent.Agent;
import io.concierge.api.agent.AgentListener;
import io.concierge.api.agent.AgentOptions;
import io.concierge.api.agent.AgentStatus;
import io.concierge.api.event.Event;
import io.concierge.api.intent.Intent;
import io.concierge.api.job.Job;
import io.concierge.api.pkg.PackageMatch;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.api.plan.Plan;
import io.concierge.api.run.Artifact;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import io.concierge.api.run.StatusReport;
import io.concierge.api.worker.Worker;
import io.concierge.api.workspace.ConfigEntry;
import io.concierge.api.workspace.ValidationReport;
import io.concierge.api.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real {@link Concierge} on an in-memory file system, with a clock that only moves when told
 * and ids that count up: what a test needs to drive the whole lifecycle without touching the
 * disk. It needs no test framework; {@link ConciergeTest @ConciergeTest} adds JUnit 5 on top.
 *
 * <pre>{@code
 * FakeWorker upper = FakeWorker.builder("text.upper").outputs("text").writes("text", "NOTES.txt", "HELLO").build();
 * try (TestConcierge concierge = TestConcierge.builder()
 *         .worker(upper)
 *         .withPackage(UPPER_PACKAGE_YAML)          // placed at packages/text/upper/v1.0.0/package.yaml
 *         .withFile("notes.txt", "hello")           // in the working directory, /work
 *         .open()) {
 *     Job job = concierge.approvedJob("Uppercase notes.txt");
 *     Run run = concierge.run(job.id(), RunOptions.defaults());
 *     assertThat(concierge.job(job.id())).in(concierge).hasStatus(JobStatus.COMPLETED).hasArtifact("NOTES.txt");
 *     upper.takeInvocation().inputs(); // {text_file=/work/notes.txt}
 * }
 * }</pre>
 *
 * <p>Every {@link Concierge} method goes to the real implementation. The workspace is at
 * {@code /workspace} and relative input paths resolve against {@code /work}, both on a fresh
 * Jimfs (Unix) file system that {@link #close()} discards. Worker discovery is off: only the
 * workers given to the builder are installed.
 *
 * @since 0.1.0
 */
public final class TestConcierge implements Concierge {
    private static final Pattern ID = Pattern.compile("(?m)^id:\\s*[\"']?([a-z0-9_-]+)\\.([a-z0-9_.-]+?)[\"']?\\s*(?:#.*)?$");
    private static final Pattern VERSION = Pattern.compile("(?m)^version:\\s*[\"']?(\\d+\\.\\d+\\.\\d+)[\"']?\\s*(?:#.*)?$");

    private final FileSystem fileSystem;
    private final Path workspaceRoot;
    private final Path workingDirectory;
    private final MutableClock clock;
    private final Concierge delegate;
    private volatile boolean closed;

    private TestConcierge(FileSystem fileSystem, Path workspaceRoot, Path workingDirectory, MutableClock clock,
                          Concierge delegate) {
        this.fileSystem = fileSystem;
        this.workspaceRoot = workspaceRoot;
        this.workingDirectory = workingDirectory;
        this.clock = clock;
        this.delegate = delegate;
    }

    /**
     * Starts a builder with the defaults: no workers, no packages, clock at {@link MutableClock#DEFAULT_START}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a test Concierge with the defaults and no workers.
     *
     * @return an open test Concierge; close it after the test
     */
    public static TestConcierge open() {
        return builder().open();
    }

    // --- what a test adds ---

    /**
     * The clock every timestamp and id comes from; move it with {@link MutableClock#advance}.
     *
     * @return the clock
     */
    public MutableClock clock() {
        return clock;
    }

    /**
     * The in-memory file system holding the workspace and the working directory.
     *
     * @return the file system
     */
    public FileSystem fileSystem() {
        return fileSystem;
    }

    /**
     * The working directory, against which relative input paths resolve ({@code /work}).
     *
     * @return the working directory
     */
    public Path workingDirectory() {
        return workingDirectory;
    }

    /**
     * A path in the working directory (absolute paths are taken as they are).
     *
     * @param path a path relative to the working directory, or absolute
     * @return the path on the in-memory file system
     */
    public Path file(String path) {
        return workingDirectory.resolve(path);
    }

    /**
     * Writes a UTF-8 file in the working directory, creating folders; returns its path.
     *
     * @param path    a path relative to the working directory, or absolute
     * @param content the file's text
     * @return the file's path
     */
    public Path writeFile(String path, String content) {
        return write(file(path), content);
    }

    /**
     * A job's artifact file by name (which may not exist).
     *
     * @param jobId    the job's id or a unique prefix
     * @param fileName the artifact's file name
     * @return its path in the job's artifacts folder
     */
    public Path artifact(String jobId, String fileName) {
        return workspace().artifactsDir(job(jobId).id()).resolve(fileName);
    }

    /**
     * The text of a job's artifact; fails when it does not exist.
     *
     * @param jobId    the job's id or a unique prefix
     * @param fileName the artifact's file name
     * @return the artifact's text
     */
    public String readArtifact(String jobId, String fileName) {
        try {
            return Files.readString(artifact(jobId, fileName), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + fileName + " of job " + jobId, e);
        }
    }

    /**
     * Takes a sentence to an APPROVED job: synthesize, create the job, generate its plan and approve
     * it as the default approver.
     *
     * @param sentence what to do, as a person would write it
     * @return the approved job
     */
    public Job approvedJob(String sentence) {
        Job job = createJob(synthesize(sentence).id());
        generatePlan(job.id());
        return approve(job.id(), null, "approved by TestConcierge");
    }

    /**
     * Everything a person debugging a failed test wants to see: the tree of the workspace and
     * the working directory with file sizes, then each job's {@code job.yaml} and every event log.
     *
     * @return the dump, several lines of text
     */
    public String dump() {
        if (closed) {
            return "(TestConcierge is closed; nothing to dump)";
        }
        StringBuilder out = new StringBuilder();
        out.append("== clock ").append(clock.instant()).append('\n');
        tree(out, workspaceRoot);
        tree(out, workingDirectory);
        Path jobs = workspaceRoot.resolve("jobs");
        for (Path file : walk(jobs)) {
            String name = file.getFileName().toString();
            if (Files.isRegularFile(file) && (name.equals("job.yaml") || name.endsWith(".jsonl"))) {
                out.append("== ").append(workspaceRoot.relativize(file)).append('\n');
                try {
                    String content = Files.readString(file, StandardCharsets.UTF_8);
                    out.append(content);
                    if (!content.endsWith("\n")) {
                        out.append('\n');
                    }
                } catch (IOException e) {
                    out.append("(unreadable: ").append(e).append(")\n");
                }
            }
        }
        return out.toString();
    }

    /** Closes the Concierge, then discards the in-memory file system. Calling it again does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            delegate.close();
        } finally {
            try {
                fileSystem.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Whether {@link #close()} has been called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "TestConcierge[" + workspaceRoot + " on " + fileSystem + (closed ? ", closed" : "") + "]";
    }

    private static void tree(StringBuilder out, Path root) {
        out.append("== tree ").append(root).append('\n');
        for (Path p : walk(root)) {
            if (p.equals(root)) {
                continue;
            }
            out.append("  ").append(root.relativize(p));
            if (Files.isDirectory(p)) {
                out.append('/');
            } else {
                try {
                    out.append(" (").append(Files.size(p)).append(" bytes)");
                } catch (IOException e) {
                    out.append(" (size unknown)");
                }
            }
            out.append('\n');
        }
    }

    private static List<Path> walk(Path root) {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Path write(Path file, String content) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Where a package's YAML goes in a workspace: {@code packages/<category>/<name>/v<version>/package.yaml}. */
    static String packageFile(String yaml) {
        Matcher id = ID.matcher(yaml);
        Matcher version = VERSION.matcher(yaml);
        if (!id.find()) {
            throw new IllegalArgumentException("package YAML has no top-level 'id: <category>.<name>' line:\n" + yaml);
        }
        if (!version.find()) {
            throw new IllegalArgumentException("package YAML has no top-level 'version: MAJOR.MINOR.PATCH' line:\n" + yaml);
        }
        return "packages/" + id.group(1) + "/" + id.group(2) + "/v" + version.group(1) + "/package.yaml";
    }

    // --- Concierge, delegated ---

    @Override
    public Workspace workspace() {
        return delegate.workspace();
    }

    @Override
    public Intent synthesize(String text) {
        return delegate.synthesize(text);
    }

    @Override
    public List<Intent> intents() {
        return delegate.intents();
    }

    @Override
    public Intent intent(String idOrPrefix) {
        return delegate.intent(idOrPrefix);
    }

    @Override
    public Job createJob(String intentIdOrPrefix) {
        return delegate.createJob(intentIdOrPrefix);
    }

    @Override
    public List<Job> jobs() {
        return delegate.jobs();
    }

    @Override
    public List<io.concierge.api.workspace.Finding> jobProblems() {
        return delegate.jobProblems();
    }

    @Override
    public io.concierge.api.job.JobSummaryPage listJobs(io.concierge.api.job.JobFilter filter) {
        return delegate.listJobs(filter);
    }

    @Override
    public Map<io.concierge.api.job.JobStatus, Long> countJobs(io.concierge.api.job.JobFilter filter) {
        return delegate.countJobs(filter);
    }

    @Override
    public List<Job> jobs(List<String> ids) {
        return delegate.jobs(ids);
    }

    @Override
    public Job job(String idOrPrefix) {
        return delegate.job(idOrPrefix);
    }

    @Override
    public Job setInputs(String jobId, Map<String, String> values) {
        return delegate.setInputs(jobId, values);
    }

    @Override
    public ValidationReport validate(String jobId) {
        return delegate.validate(jobId);
    }

    @Override
    public Plan generatePlan(String jobId) {
        return delegate.generatePlan(jobId);
    }

    @Override
    public List<Plan> plans(String jobId) {
        return delegate.plans(jobId);
    }

    @Override
    public Plan plan(String jobId, String planIdOrPrefix) {
        return delegate.plan(jobId, planIdOrPrefix);
    }

    @Override
    public Job approve(String jobId, String approver, String note) {
        return delegate.approve(jobId, approver, note);
    }

    @Override
    public Job deny(String jobId, String approver, String reason) {
        return delegate.deny(jobId, approver, reason);
    }

    @Override
    public Run run(String jobId, RunOptions options) {
        return delegate.run(jobId, options);
    }

    @Override
    public List<Event> audit(java.time.Instant since) {
        return delegate.audit(since);
    }

    @Override
    public io.concierge.api.run.CacheStats cacheStats() {
        return delegate.cacheStats();
    }

    @Override
    public io.concierge.api.run.CacheStats pruneCache() {
        return delegate.pruneCache();
    }

    @Override
    public io.concierge.api.run.WorkspaceStats stats(java.time.Instant since) {
        return delegate.stats(since);
    }

    @Override
    public List<io.concierge.api.workspace.Finding> pluginProblems() {
        return delegate.pluginProblems();
    }

    @Override
    public Job halt(String jobId, String by) {
        return delegate.halt(jobId, by);
    }

    @Override
    public StatusReport status(String jobId) {
        return delegate.status(jobId);
    }

    @Override
    public List<Event> events(String jobId, boolean allRuns) {
        return delegate.events(jobId, allRuns);
    }

    @Override
    public List<Artifact> artifacts(String jobId) {
        return delegate.artifacts(jobId);
    }

    @Override
    public List<TaskPackage> packages() {
        return delegate.packages();
    }

    @Override
    public List<io.concierge.api.workspace.Finding> packageProblems() {
        return delegate.packageProblems();
    }

    @Override
    public TaskPackage taskPackage(String ref) {
        return delegate.taskPackage(ref);
    }

    @Override
    public List<PackageMatch> searchPackages(String query) {
        return delegate.searchPackages(query);
    }

    @Override
    public io.concierge.api.intent.IntentExplanation explainIntent(String text) {
        return delegate.explainIntent(text);
    }

    @Override
    public ValidationReport validatePackage(Path packageFile) {
        return delegate.validatePackage(packageFile);
    }

    @Override
    public List<Worker> workers() {
        return delegate.workers();
    }

    @Override
    public List<ConfigEntry> config() {
        return delegate.config();
    }

    @Override
    public ConfigEntry setConfig(String key, String value) {
        return delegate.setConfig(key, value);
    }

    @Override
    public Agent agent(AgentOptions options, AgentListener listener) {
        return delegate.agent(options, listener);
    }

    @Override
    public List<AgentStatus> agents() {
        return delegate.agents();
    }

    @Override
    public SortedMap<String, Integer> queueDepth() {
        return delegate.queueDepth();
    }

    /**
     * Settings for a {@link TestConcierge}. Not thread-safe; each {@link #open()} makes a new,
     * independent file system.
     */
    public static final class Builder {
        private MutableClock clock;
        private IdGenerator ids;
        private final List<Worker> workers = new ArrayList<>();
        private boolean discoverWorkers;
        private String defaultApprover = "tester";
        private boolean allowSelfApproval = true;
        private final List<String> packages = new ArrayList<>();
        private final Map<String, String> files = new LinkedHashMap<>();
        private Consumer<Event> eventListener = event -> { };

        private Builder() {
        }

        /**
         * The clock to use (default: a new {@link MutableClock} at {@link MutableClock#DEFAULT_START}).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(MutableClock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * The id generator (default: a new {@link SequentialIds}).
         *
         * @param value the id generator
         * @return this builder
         */
        public Builder ids(IdGenerator value) {
            ids = Objects.requireNonNull(value, "ids");
            return this;
        }

        /**
         * Installs a worker, such as a {@link FakeWorker} or a real one under test.
         *
         * @param value the worker
         * @return this builder
         */
        public Builder worker(Worker value) {
            workers.add(Objects.requireNonNull(value, "worker"));
            return this;
        }

        /**
         * Whether to discover workers on the class path too (default false: only the given ones).
         *
         * @param value true to discover them too
         * @return this builder
         */
        public Builder discoverWorkers(boolean value) {
            discoverWorkers = value;
            return this;
        }

        /**
         * Who approves when no approver is named (default {@code tester}).
         *
         * @param value the approver's name
         * @return this builder
         */
        public Builder defaultApprover(String value) {
            defaultApprover = Objects.requireNonNull(value, "defaultApprover");
            return this;
        }

        /**
         * Adds a task package to the workspace. Its top-level {@code id} and {@code version} lines
         * place it at {@code packages/<category>/<name>/v<version>/package.yaml}.
         *
         * @param yaml the package's {@code package.yaml} text
         * @return this builder
         * @throws IllegalArgumentException when the text has no id or version line
         */
        public Builder withPackage(String yaml) {
            Objects.requireNonNull(yaml, "yaml");
            packageFile(yaml); // fail here, where the test wrote it, rather than at open
            packages.add(yaml);
            return this;
        }

        /**
         * Adds a UTF-8 file in the working directory ({@code path} relative to it, or absolute).
         *
         * @param path    the file's path, relative to the working directory or absolute
         * @param content the file's text
         * @return this builder
         */
        public Builder withFile(String path, String content) {
            files.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(content, "content"));
            return this;
        }

        /**
         * Called with every event written.
         *
         * @param value the listener
         * @return this builder
         */
        public Builder eventListener(Consumer<Event> value) {
            eventListener = Objects.requireNonNull(value, "eventListener");
            return this;
        }

        /**
         * Whether the default approver may approve the jobs it creates (default true: one tester
         * makes and approves every job); false keeps the workspace's default policy, to test it.
         *
         * @param value false to refuse self-approval as a real workspace does
         * @return this builder
         */
        public Builder allowSelfApproval(boolean value) {
            allowSelfApproval = value;
            return this;
        }

        /**
         * Creates the file system, initialises the workspace, adds packages and files, and opens it.
         *
         * @return the open test Concierge; close it after the test
         */
        public TestConcierge open() {
            FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
            try {
                Path root = fs.getPath("/workspace");
                Path cwd = Files.createDirectories(fs.getPath("/work"));
                MutableClock theClock = clock != null ? clock : new MutableClock();
                IdGenerator theIds = ids != null ? ids : new SequentialIds();
                // Packages are read once per Concierge, so initialise the workspace first, add them, then open.
                if (!packages.isEmpty()) {
                    concierge(root, cwd, theClock, theIds).close();
                    for (String yaml : packages) {
                        write(root.resolve(packageFile(yaml)), yaml);
                    }
                }
                for (Map.Entry<String, String> file : files.entrySet()) {
                    write(cwd.resolve(file.getKey()), file.getValue());
                }
                Concierge opened = concierge(root, cwd, theClock, theIds);
                if (allowSelfApproval) {
                    // the default approver makes the jobs and approves them: one tester does it all
                    opened.setConfig("approval.allow_self_approval", "true");
                }
                return new TestConcierge(fs, root, cwd, theClock, opened);
            } catch (IOException e) {
                throw closing(fs, new UncheckedIOException(e));
            } catch (RuntimeException e) {
                throw closing(fs, e);
            } catch (Error e) {
                throw closing(fs, e);
            }
        }

        private static <T extends Throwable> T closing(FileSystem fs, T failure) {
            try {
                fs.close();
            } catch (IOException suppressed) {
                failure.addSuppressed(suppressed);
            }
            return failure;
        }

        private Concierge concierge(Path root, Path cwd, MutableClock theClock, IdGenerator theIds) {
            ConciergeOptions.Builder builder = Concierge.builder(root).clock(theClock).ids(theIds).workingDirectory(cwd)
                    .discoverWorkers(discoverWorkers).defaultApprover(defaultApprover).eventListener(eventListener)
                    // keys on the same in-memory file system, outside the workspace: an approver's key is made on first use
                    .keyRing(KeyRing.folder(root.getFileSystem().getPath("/keys")));
            workers.forEach(builder::worker);
            return builder.open();
        }
    }
}
