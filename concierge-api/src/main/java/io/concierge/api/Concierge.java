package io.concierge.api;

import io.concierge.api.event.Event;
import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.api.intent.Intent;
import io.concierge.api.job.Job;
import io.concierge.api.pkg.PackageMatch;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.api.plan.Plan;
import io.concierge.api.run.Artifact;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import io.concierge.api.run.StatusReport;
import io.concierge.api.spi.ConciergeProvider;
import io.concierge.api.worker.Worker;
import io.concierge.api.workspace.ConfigEntry;
import io.concierge.api.workspace.ValidationReport;
import io.concierge.api.workspace.Workspace;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * The one entry point: everything {@code bit} does, a host application does here, in-process.
 *
 * <pre>{@code
 * try (Concierge concierge = Concierge.open(Path.of("/srv/concierge"))) {
 *     Intent intent = concierge.synthesize("Normalize podcast episode.wav to -14 LUFS");
 *     Job job = concierge.createJob(intent.id());
 *     Plan plan = concierge.generatePlan(job.id());
 *     concierge.approve(job.id(), "alice", "levels checked");
 *     Run run = concierge.run(job.id(), RunOptions.defaults());
 *     if (run.status() == JobStatus.COMPLETED) {
 *         concierge.artifacts(job.id()).forEach(a -> System.out.println(a.path()));
 *     }
 * }
 * }</pre>
 *
 * <p>Ids may be given as any unique prefix. Every method fails with a
 * {@link io.concierge.api.failure.ConciergeException} subtype whose message says what is wrong
 * and what to do, and a failed call leaves the workspace as it was. A {@code Concierge} is safe
 * to use from several threads, and several processes may share one workspace.
 */
public interface Concierge extends AutoCloseable {

    /** Opens the workspace at {@code workspace}, initialising it when the folder is missing or empty. */
    static Concierge open(Path workspace) {
        return builder(workspace).open();
    }

    /** Starts options for opening the workspace at {@code workspace}. */
    static Builder builder(Path workspace) {
        return new Builder(workspace);
    }

    /** The workspace this Concierge works in. */
    Workspace workspace();

    // --- intents ---

    /** Distils {@code text} into an intent and stores it; the same text gives the same intent, now the newest. */
    Intent synthesize(String text);

    /** All intents, least recently synthesized first. */
    List<Intent> intents();

    /** The intent with this id or unique id prefix. */
    Intent intent(String idOrPrefix);

    // --- jobs ---

    /** Creates a DRAFT job from an intent, matched to the best package, inputs filled from the text. */
    Job createJob(String intentIdOrPrefix);

    /** All jobs, oldest first. */
    List<Job> jobs();

    /** The job with this id or unique id prefix. */
    Job job(String idOrPrefix);

    /** Sets input values of a DRAFT or PLANNED job (unknown names are refused). */
    Job setInputs(String jobId, Map<String, String> values);

    /** Checks a job's spec, plan and approvals against their recorded hashes. */
    ValidationReport validate(String jobId);

    // --- plans and approvals ---

    /** Binds the job's package to its inputs; the job becomes PLANNED and any approval is void. */
    Plan generatePlan(String jobId);

    /** The job's plans, oldest first. */
    List<Plan> plans(String jobId);

    /** One of the job's plans by id or prefix; the current one when {@code planIdOrPrefix} is null or empty. */
    Plan plan(String jobId, String planIdOrPrefix);

    /** Approves the job's current plan; the job becomes APPROVED. */
    Job approve(String jobId, String approver, String note);

    /** Denies the job's current plan with a reason; the job returns to PLANNED. */
    Job deny(String jobId, String approver, String reason);

    // --- runs ---

    /** Runs the job's approved plan in this thread; returns the finished run (FAILED is a result, not an exception). */
    Run run(String jobId, RunOptions options);

    /**
     * Asks the running job to stop, from any thread or process: its runner interrupts the
     * current worker (which kills processes it started), records who halted it, and the job
     * becomes HALTED. Returns at once; fails when the job is not running.
     */
    Job halt(String jobId, String by);

    /** The job's status, its latest run and whether a runner is still alive. */
    StatusReport status(String jobId);

    /** The events of the job's latest run (all runs when {@code allRuns}), in order. */
    List<Event> events(String jobId, boolean allRuns);

    /**
     * The approval and run trail across all jobs since {@code since} (all when null), oldest
     * first: every {@code approval.*} event and every {@code job.*} event of every run.
     */
    List<Event> audit(java.time.Instant since);

    /** The files in the job's artifacts folder, by name. */
    List<Artifact> artifacts(String jobId);

    /** What the step cache holds (see {@link RunOptions#useCache()}). */
    io.concierge.api.run.CacheStats cacheStats();

    /** Empties the step cache; returns what it held. */
    io.concierge.api.run.CacheStats pruneCache();

    // --- packages ---

    /** Every task package known: built in, from plugins and from the workspace, by id then version. */
    List<TaskPackage> packages();

    /** A package by {@code id} (highest version) or {@code id@version}. */
    TaskPackage taskPackage(String ref);

    /** Packages matching free text, best first, with their confidence. */
    List<PackageMatch> searchPackages(String query);

    /** Checks a {@code package.yaml} file against the package schema and the installed workers. */
    ValidationReport validatePackage(Path packageFile);

    /** The installed workers, by id. */
    List<Worker> workers();

    // --- configuration ---

    /** Every configuration key with its effective value and source. */
    List<ConfigEntry> config();

    /** Sets a configuration key in {@code concierge.json} after validating the value. */
    ConfigEntry setConfig(String key, String value);

    /** Releases what this Concierge holds; it may not be used afterwards. */
    @Override
    void close();

    /**
     * Options for opening a workspace, with defaults fit for a host application: the system
     * clock, the process's working directory, the OS user as approver, workers discovered.
     */
    final class Builder {
        private final Path workspace;
        private boolean createIfMissing = true;
        private Clock clock = Clock.systemUTC();
        private IdGenerator ids;
        private Path workingDirectory;
        private String defaultApprover = System.getProperty("user.name", "unknown");
        private final List<Worker> workers = new ArrayList<>();
        private boolean discoverWorkers = true;
        private Consumer<Event> eventListener = event -> { };

        private Builder(Path workspace) {
            this.workspace = workspace;
        }

        /** Whether to initialise a missing or empty workspace folder (default true). */
        public Builder createIfMissing(boolean value) {
            createIfMissing = value;
            return this;
        }

        /** The clock for timestamps and ids. */
        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        /** The id generator (default: time-ordered, random suffix). */
        public Builder ids(IdGenerator value) {
            ids = value;
            return this;
        }

        /** Where relative input paths resolve (default: the process's working directory). */
        public Builder workingDirectory(Path value) {
            workingDirectory = value;
            return this;
        }

        /** Who approves when no approver is named (default: the OS user). */
        public Builder defaultApprover(String value) {
            defaultApprover = value;
            return this;
        }

        /** Adds a worker that takes the place of any discovered worker with the same id. */
        public Builder worker(Worker value) {
            workers.add(value);
            return this;
        }

        /** Whether to discover workers through ServiceLoader and {@code plugins/} (default true). */
        public Builder discoverWorkers(boolean value) {
            discoverWorkers = value;
            return this;
        }

        /** Called with every event written. */
        public Builder eventListener(Consumer<Event> value) {
            eventListener = value;
            return this;
        }

        /** The options as set. */
        public ConciergeOptions options() {
            Path cwd = workingDirectory != null ? workingDirectory
                    : workspace.getFileSystem().getPath("").toAbsolutePath();
            return new ConciergeOptions(workspace, createIfMissing, clock, Optional.ofNullable(ids), cwd,
                    defaultApprover, workers, discoverWorkers, eventListener);
        }

        /** Opens the workspace through the implementation on the class path ({@code concierge-core}). */
        public Concierge open() {
            ConciergeProvider provider = ServiceLoader.load(ConciergeProvider.class, Concierge.class.getClassLoader())
                    .findFirst()
                    .orElseThrow(() -> new InvalidWorkspaceException(
                            "no Concierge implementation on the class path: add io.concierge:concierge-core"));
            return provider.open(options());
        }
    }
}
