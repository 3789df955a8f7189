package io.concierge.api;

import io.concierge.api.agent.Agent;
import io.concierge.api.agent.AgentListener;
import io.concierge.api.agent.AgentOptions;
import io.concierge.api.agent.AgentStatus;
import io.concierge.api.event.Event;
import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.api.intent.Intent;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobFilter;
import io.concierge.api.job.JobStatus;
import io.concierge.api.job.JobSummary;
import io.concierge.api.job.JobSummaryPage;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;

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
 *
 * @since 0.1.0
 */
public interface Concierge extends AutoCloseable {

    /**
     * Opens the workspace at {@code workspace}, initialising it when the folder is missing or empty.
     *
     * @param workspace the workspace folder, on any file system
     * @return the open Concierge; close it when done
     */
    static Concierge open(Path workspace) {
        return open(ConciergeOptions.builder(workspace).build());
    }

    /**
     * Opens a workspace with the given options, through the implementation on the class path
     * ({@code concierge-core}).
     *
     * @param options the workspace and how to open it
     * @return the open Concierge; close it when done
     */
    static Concierge open(ConciergeOptions options) {
        ConciergeProvider provider = ServiceLoader.load(ConciergeProvider.class, Concierge.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new InvalidWorkspaceException(
                        "no Concierge implementation on the class path: add io.concierge:concierge-core"));
        return provider.open(options);
    }

    /**
     * Starts options for opening the workspace at {@code workspace}: a shortcut for
     * {@link ConciergeOptions#builder(Path)}, whose builder can also {@link ConciergeOptions.Builder#open() open}
     * the workspace at once.
     *
     * <pre>{@code
     * Concierge concierge = Concierge.builder(path).defaultApprover("ci").open();
     * }</pre>
     *
     * @param workspace the workspace folder, on any file system
     * @return a builder with the defaults
     */
    static ConciergeOptions.Builder builder(Path workspace) {
        return ConciergeOptions.builder(workspace);
    }

    /**
     * The workspace this Concierge works in.
     *
     * @return the workspace
     */
    Workspace workspace();

    // --- intents ---

    /**
     * Distils {@code text} into an intent and stores it; the same text gives the same intent, now the newest.
     *
     * @param text the sentence, as a person wrote it
     * @return the stored intent
     */
    Intent synthesize(String text);

    /**
     * All intents, least recently synthesized first.
     *
     * @return the intents
     */
    List<Intent> intents();

    /**
     * The intent with this id or unique id prefix.
     *
     * @param idOrPrefix the intent's id or a unique prefix of it
     * @return the intent
     */
    Intent intent(String idOrPrefix);

    // --- jobs ---

    /**
     * Creates a DRAFT job from an intent, matched to the best package, inputs filled from the text.
     *
     * @param intentIdOrPrefix the intent's id or a unique prefix of it
     * @return the new DRAFT job
     */
    Job createJob(String intentIdOrPrefix);

    /**
     * All jobs whose {@code job.yaml} reads well, oldest first. A job whose file is malformed,
     * oversized or unreadable is left out and reported by {@link #jobProblems()}, so one bad file
     * never hides the others.
     *
     * @return the readable jobs
     */
    List<Job> jobs();

    /**
     * The job files {@link #jobs()} left out, one finding each: the file
     * ({@code jobs/<id>/job.yaml}) and what is wrong with it.
     *
     * @return one finding per unreadable job file, empty when every job reads well
     */
    List<io.concierge.api.workspace.Finding> jobProblems();

    /**
     * The jobs a filter selects, one page at a time, as {@link JobSummary summaries}: what a job
     * list shows. The file workspace answers from its job index in {@code .concierge/}, so a page
     * of the newest jobs costs the same for a hundred jobs or a hundred thousand; the index is
     * checked against each listed {@code job.yaml}, so an edit by hand shows at once.
     *
     * <pre>{@code
     * JobSummaryPage newest = concierge.listJobs(JobFilter.builder().newestFirst(true).limit(20).build());
     * }</pre>
     *
     * @param filter statuses, creation time, words, order, page size and cursor
     * @return one page, the cursor of the next, and the unreadable job files met on the way
     * @throws io.concierge.api.failure.InvalidInputException when the filter's cursor is not one a listing gave
     * @since 0.1.0
     */
    default JobSummaryPage listJobs(JobFilter filter) {
        JobSummaryPage page = filter.page(jobs().stream().map(JobSummary::of).toList());
        return new JobSummaryPage(page.jobs(), page.nextCursor(), jobProblems());
    }

    /**
     * How many jobs a filter selects, by status (its limit and cursor aside): the counts of a
     * dashboard's status tabs and of {@code bit stats}.
     *
     * @param filter the statuses, creation time and words to count
     * @return the number of jobs per status, every status present (0 when none)
     * @since 0.1.0
     */
    default Map<JobStatus, Long> countJobs(JobFilter filter) {
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            counts.put(status, 0L);
        }
        jobs().stream().map(JobSummary::of).filter(filter::matches).forEach(job -> counts.merge(job.status(), 1L, Long::sum));
        return counts;
    }

    /**
     * Whole jobs by exact id, as their {@code job.yaml} holds them: for showing a page of
     * {@link #listJobs(JobFilter)} in full. Unlike {@link #job(String)}, the status is the file's,
     * not checked against the signed records; an id without a readable job is left out.
     *
     * @param ids exact job ids
     * @return the jobs, in the order of {@code ids}
     * @since 0.1.0
     */
    default List<Job> jobs(List<String> ids) {
        Map<String, Job> byId = new java.util.HashMap<>();
        jobs().forEach(job -> byId.put(job.id(), job));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * The job with this id or unique id prefix.
     *
     * @param idOrPrefix the job's id or a unique prefix of it
     * @return the job as stored now
     */
    Job job(String idOrPrefix);

    /**
     * Sets input values of a DRAFT or PLANNED job (unknown names are refused).
     *
     * @param jobId  the job's id or a unique prefix of it
     * @param values the new values, by input name
     * @return the job after the change
     */
    Job setInputs(String jobId, Map<String, String> values);

    /**
     * Checks a job's spec, plan and approvals against their recorded hashes.
     *
     * @param jobId the job's id or a unique prefix of it
     * @return what was checked and what was found wrong
     */
    ValidationReport validate(String jobId);

    // --- plans and approvals ---

    /**
     * Binds the job's package to its inputs; the job becomes PLANNED and any approval is void.
     *
     * @param jobId the job's id or a unique prefix of it
     * @return the new current plan
     */
    Plan generatePlan(String jobId);

    /**
     * The job's plans, oldest first.
     *
     * @param jobId the job's id or a unique prefix of it
     * @return the plans
     */
    List<Plan> plans(String jobId);

    /**
     * One of the job's plans by id or prefix; the current one when {@code planIdOrPrefix} is null or empty.
     *
     * @param jobId          the job's id or a unique prefix of it
     * @param planIdOrPrefix the plan's id or prefix, or null for the current plan
     * @return the plan
     */
    Plan plan(String jobId, String planIdOrPrefix);

    /**
     * Approves the job's current plan; the job becomes APPROVED.
     *
     * @param jobId    the job's id or a unique prefix of it
     * @param approver who approves, or null for the default approver
     * @param note     why, in a few words (may be empty)
     * @return the APPROVED job
     */
    Job approve(String jobId, String approver, String note);

    /**
     * Denies the job's current plan with a reason; the job returns to PLANNED.
     *
     * @param jobId    the job's id or a unique prefix of it
     * @param approver who denies, or null for the default approver
     * @param reason   why, in a few words
     * @return the job, PLANNED again
     */
    Job deny(String jobId, String approver, String reason);

    // --- runs ---

    /**
     * Runs the job's approved plan in this thread; returns the finished run (FAILED is a result, not an exception).
     *
     * @param jobId   the job's id or a unique prefix of it
     * @param options how to run it
     * @return the finished run: COMPLETED, FAILED or HALTED
     */
    Run run(String jobId, RunOptions options);

    /**
     * Asks the running job to stop, from any thread or process: its runner interrupts the
     * current worker (which kills processes it started), records who halted it, and the job
     * becomes HALTED. Returns at once; fails when the job is not running.
     *
     * @param jobId the job's id or a unique prefix of it
     * @param by    who halts it
     * @return the job as it was when the halt was requested
     */
    Job halt(String jobId, String by);

    /**
     * The job's status, its latest run and whether a runner is still alive.
     *
     * @param jobId the job's id or a unique prefix of it
     * @return the job's status report
     */
    StatusReport status(String jobId);

    /**
     * The events of the job's latest run (all runs when {@code allRuns}), in order.
     *
     * @param jobId   the job's id or a unique prefix of it
     * @param allRuns true for the events of every run and the approvals, false for the latest run only
     * @return the events, oldest first
     */
    List<Event> events(String jobId, boolean allRuns);

    /**
     * The approval and run trail across all jobs since {@code since} (all when null), oldest
     * first: every {@code approval.*} event and every {@code job.*} event of every run.
     *
     * @param since the earliest time to include, or null for all
     * @return the events, oldest first
     */
    List<Event> audit(java.time.Instant since);

    /**
     * The files in the job's artifacts folder, by name.
     *
     * @param jobId the job's id or a unique prefix of it
     * @return the artifacts
     */
    List<Artifact> artifacts(String jobId);

    /**
     * What the step cache holds (see {@link RunOptions#useCache()}).
     *
     * @return the cache's size and entries
     */
    io.concierge.api.run.CacheStats cacheStats();

    /**
     * Empties the step cache; returns what it held.
     *
     * @return what the cache held before
     */
    io.concierge.api.run.CacheStats pruneCache();

    /**
     * Totals by status, success rate, run durations by package and jobs per day, over the jobs
     * created since {@code since} (all when null).
     *
     * @param since the earliest creation time counted, or null
     * @return the statistics
     */
    io.concierge.api.run.WorkspaceStats stats(java.time.Instant since);

    // --- packages ---

    /**
     * Every task package known: built in, from plugins and from the workspace, by id then version.
     * A workspace {@code package.yaml} that is malformed, oversized, unreadable or links out of
     * {@code packages/} is left out and reported by {@link #packageProblems()}.
     *
     * @return the packages that loaded
     */
    List<TaskPackage> packages();

    /**
     * The workspace package files {@link #packages()} left out, one finding each: the file
     * ({@code packages/<category>/<name>/v<version>/package.yaml}) and what is wrong with it.
     *
     * @return one finding per package file that could not be loaded, empty when all loaded
     */
    List<io.concierge.api.workspace.Finding> packageProblems();

    /**
     * A package by {@code id} (highest version) or {@code id@version}.
     *
     * @param ref {@code id} or {@code id@version}
     * @return the package
     */
    TaskPackage taskPackage(String ref);

    /**
     * Packages matching free text, best first, with their confidence.
     *
     * @param query words to look for
     * @return the matches
     */
    List<PackageMatch> searchPackages(String query);

    /**
     * Explains what {@link #createJob} would make of a sentence, without writing anything: the
     * files, formats and values read from it, the scores of the best packages, which words fill
     * which input, which words were left unused, and why it would be refused.
     *
     * @param text the sentence
     * @return the explanation
     */
    io.concierge.api.intent.IntentExplanation explainIntent(String text);

    /**
     * Checks a {@code package.yaml} file against the package schema and the installed workers.
     *
     * @param packageFile the {@code package.yaml} to check
     * @return what was checked and what was found wrong
     */
    ValidationReport validatePackage(Path packageFile);

    /**
     * The installed workers, by id.
     *
     * @return the workers
     */
    List<Worker> workers();

    /**
     * Plugin jars in the workspace's {@code plugins/} folder that could not be loaded, each
     * named; the other plugins load regardless.
     *
     * @return one finding per broken jar, empty when all loaded
     */
    List<io.concierge.api.workspace.Finding> pluginProblems();

    // --- agents ---

    /**
     * Makes an agent that takes this workspace's approved jobs and runs them in this process;
     * call {@link Agent#run()} to start it. Several agents, in this and other processes, share
     * one queue.
     *
     * @param options  how it works
     * @param listener hears what it claims and finishes
     * @return the agent, not yet running
     * @throws UnsupportedOperationException when this implementation cannot run agents
     */
    default Agent agent(AgentOptions options, AgentListener listener) {
        throw new UnsupportedOperationException(getClass().getName() + " does not run agents");
    }

    /**
     * The agents taking work from this workspace's queue, by id, as their last heartbeats
     * describe them; dead ones stay listed (with an old heartbeat) until they are removed.
     *
     * @return the agents
     */
    default List<AgentStatus> agents() {
        return List.of();
    }

    /**
     * How many jobs wait for an agent: APPROVED and not claimed, or left by an agent that died.
     *
     * @return counts by package id, sorted by package id
     */
    default SortedMap<String, Integer> queueDepth() {
        return new TreeMap<>();
    }

    // --- configuration ---

    /**
     * Every configuration key with its effective value and source.
     *
     * @return the configuration entries
     */
    List<ConfigEntry> config();

    /**
     * Sets a configuration key in {@code concierge.json} after validating the value.
     *
     * @param key   the configuration key
     * @param value its new value, as text
     * @return the entry as now in effect
     */
    ConfigEntry setConfig(String key, String value);

    /** Releases what this Concierge holds; it may not be used afterwards. */
    @Override
    void close();
}
