package io.concierge.core;

import io.concierge.api.Concierge;
import io.concierge.api.ConciergeOptions;
import io.concierge.api.IdGenerator;
import io.concierge.api.agent.Agent;
import io.concierge.api.agent.AgentListener;
import io.concierge.api.agent.AgentOptions;
import io.concierge.api.agent.AgentStatus;
import io.concierge.api.event.Event;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.InvalidTransitionException;
import io.concierge.api.failure.NotFoundException;
import io.concierge.api.intent.Intent;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobFilter;
import io.concierge.api.job.JobStatus;
import io.concierge.api.job.JobSummaryPage;
import io.concierge.api.pkg.PackageMatch;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.api.plan.Plan;
import io.concierge.api.plan.Step;
import io.concierge.api.run.Artifact;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import io.concierge.api.run.StatusReport;
import io.concierge.api.worker.Worker;
import io.concierge.api.workspace.ConfigEntry;
import io.concierge.api.workspace.Finding;
import io.concierge.api.workspace.ValidationReport;
import io.concierge.api.workspace.Workspace;
import io.concierge.core.agent.AgentLoop;
import io.concierge.core.agent.AgentServices;
import io.concierge.core.approval.Approvals;
import io.concierge.core.codec.Codecs;
import io.concierge.core.event.EventListeners;
import io.concierge.core.event.EventLog;
import io.concierge.core.integrity.JobValidator;
import io.concierge.core.intent.IntentStore;
import io.concierge.core.intent.IntentSynthesizer;
import io.concierge.core.job.JobFiles;
import io.concierge.core.job.JobTransition;
import io.concierge.core.pkg.PackageFileCheck;
import io.concierge.core.pkg.PackageMatcher;
import io.concierge.core.pkg.PackageParser;
import io.concierge.core.pkg.PackageRegistry;
import io.concierge.core.plan.InputBinding;
import io.concierge.core.plan.InputValues;
import io.concierge.core.plan.JobOutputs;
import io.concierge.core.plan.PlanFiles;
import io.concierge.core.plan.Planner;
import io.concierge.core.run.ArtifactManifest;
import io.concierge.core.run.RunHistory;
import io.concierge.core.run.RunStatistics;
import io.concierge.core.run.Runner;
import io.concierge.core.run.Workers;
import io.concierge.core.store.file.FileAgentRegistry;
import io.concierge.core.store.file.FileWorkQueue;
import io.concierge.core.workspace.Config;
import io.concierge.core.workspace.FileLock;
import io.concierge.core.agent.HeldLease;
import io.concierge.core.store.AgentRegistry;
import io.concierge.core.store.Store;
import io.concierge.core.store.WorkQueue;
import io.concierge.core.store.Stores;
import io.concierge.core.workspace.FileWorkspace;
import io.concierge.core.workspace.IdPrefixes;
import io.concierge.core.workspace.TimeOrderedIds;
import io.concierge.api.trust.KeyRing;
import io.concierge.core.trust.ApprovalSignatures;
import io.concierge.core.trust.FolderKeyRing;
import io.concierge.core.trust.Identities;
import io.concierge.core.trust.RunSeals;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The file-backed {@link Concierge}: a thin facade that wires the services of this package together.
 *
 * <p>Past 400 lines only because the API it implements has some forty methods, each a few lines
 * of delegation with its lock; the work lives in the services.
 */
final class DefaultConcierge implements Concierge {
    private final ConciergeOptions options;
    private final FileWorkspace workspace;
    private final Clock clock;
    private final IdGenerator ids;
    private final IntentSynthesizer synthesizer;
    private final IntentStore intents;
    private final JobFiles jobs;
    private final PlanFiles plans;
    private final PackageParser packageParser;
    private final PackageRegistry packages;
    private final PackageMatcher matcher = new PackageMatcher();
    private final InputValues inputValues;
    private final Planner planner;
    private final EventLog events;
    private final Approvals approvals;
    private final Workers workers;
    private final Runner runner;
    private final JobValidator validator;
    private final Plugins plugins;
    private final io.concierge.core.event.Webhooks webhooks;
    private final InputBinding inputBinding;
    private final JobOutputs jobOutputs;
    private final RunHistory history;
    private final RunStatistics statistics;
    private final ArtifactManifest manifests;
    private final KeyRing keyRing;
    private final Store store;
    private static final java.time.Duration RUN_LEASE = java.time.Duration.ofSeconds(30);
    private final FileWorkQueue fileQueue;

    DefaultConcierge(ConciergeOptions options) {
        this.options = options;
        Codecs codecs = new Codecs();
        this.workspace = FileWorkspace.open(options.workspace(), codecs, options.createIfMissing(), options.environment());
        this.clock = options.clock();
        this.ids = options.ids().orElseGet(TimeOrderedIds::new);
        this.synthesizer = new IntentSynthesizer(codecs);
        this.store = Stores.open(workspace, System.getenv(), DefaultConcierge.class.getClassLoader());
        this.intents = new IntentStore(workspace, synthesizer, store);
        this.jobs = new JobFiles(workspace, store);
        this.plans = new PlanFiles(workspace, store);
        List<Path> pluginDirs = new ArrayList<>(List.of(workspace.pluginsDir()));
        pluginDirs.addAll(options.pluginDirs());
        this.plugins = new Plugins(pluginDirs, options.discoverWorkers());
        List<ClassLoader> loaders = plugins.classLoaders(DefaultConcierge.class.getClassLoader());
        this.packageParser = new PackageParser(codecs);
        // Built-in packages come with their workers: without discovery, only the workspace's count.
        this.packages = new PackageRegistry(workspace, packageParser, options.discoverWorkers() ? loaders : List.of(),
                plugins::originOf);
        this.inputValues = new InputValues(options.workingDirectory(), this::jobOutput);
        this.planner = new Planner(inputValues, new io.concierge.core.plan.Destinations(options.workingDirectory(), workspace.root()));
        this.webhooks = new io.concierge.core.event.Webhooks(workspace::config, codecs, this::jobFacts,
                this::recordDelivery, clock, 500);
        this.events = new EventLog(codecs, store.logs(), new EventListeners(List.of(options.eventListener(), webhooks)));
        this.keyRing = options.keyRing().orElseGet(() -> new FolderKeyRing(FolderKeyRing.defaultFolder(
                options.workspace().getFileSystem(), System.getenv())));
        this.approvals = new Approvals(jobs, plans, events, clock, workspace::config, packages,
                new ApprovalSignatures(keyRing, codecs));
        this.workers = new Workers(options.workers(), loaders, options.discoverWorkers());
        RunSeals seals = new RunSeals(workspace, events, keyRing, store.documents());
        this.runner = new Runner(workspace, jobs, plans, approvals, events, workers, packages, clock, ids, seals);
        this.validator = new JobValidator(workspace, jobs, plans, approvals, events, seals);
        this.jobOutputs = new JobOutputs(workspace, jobs, plans, events);
        this.inputBinding = new InputBinding(jobs, packages, inputValues, clock);
        this.history = new RunHistory(workspace, jobs, plans, events, runner);
        this.statistics = new RunStatistics(jobs, events);
        this.manifests = new ArtifactManifest(workspace);
        // The file store's queue is built here, on this Concierge's clock and job listing; other
        // stores bring their own, reached (and so opened) only when an agent or a run needs it.
        this.fileQueue = store.kind().equals("file") ? new FileWorkQueue(workspace, new io.concierge.core.job.IndexedJobRecords(store.jobs(), jobs.index()), clock) : null;
    }

    private WorkQueue queue() {
        return fileQueue != null ? fileQueue : store.queue();
    }

    private AgentRegistry agentRegistry() {
        return fileQueue != null ? new FileAgentRegistry(workspace) : store.agents();
    }

    @Override
    public Workspace workspace() {
        return workspace;
    }

    // --- intents ---

    @Override
    public Intent synthesize(String text) {
        Intent intent = synthesizer.synthesize(text, clock.instant());
        intents.save(intent);
        return intent;
    }

    @Override
    public io.concierge.api.intent.IntentExplanation explainIntent(String text) {
        return new io.concierge.core.pkg.IntentExplainer(matcher).explain(text, packages.newest(),
                currentConfig().number("planner.min_confidence"), currentConfig().number("planner.ambiguity_margin"));
    }

    @Override
    public List<Intent> intents() {
        return intents.list();
    }

    @Override
    public Intent intent(String idOrPrefix) {
        return intents.get(idOrPrefix);
    }

    // --- jobs ---

    @Override
    public Job createJob(String intentIdOrPrefix) {
        Intent intent = intents.get(intentIdOrPrefix);
        PackageMatcher.Decision decision = matcher.decide(intent.text(), packages.newest(),
                currentConfig().number("planner.min_confidence"), currentConfig().number("planner.ambiguity_margin"));
        if (decision.refusal() != null) {
            throw decision.refusal();
        }
        PackageMatch match = decision.chosen().orElseThrow();
        TaskPackage pkg = match.taskPackage();
        Instant now = clock.instant();
        Job job = Job.builder()
                .id(ids.next("j_", now))
                .intentId(intent.id())
                .intentText(intent.text())
                .pkg(pkg.id(), pkg.version())
                .confidence(match.confidence())
                .status(JobStatus.DRAFT)
                .inputs(decision.chain().isEmpty() ? inputValues.extract(intent, pkg) : inputValues.extract(decision.chain()))
                .createdAt(now)
                .updatedAt(now)
                .version(1)
                .createdBy(creator())
                .build();
        jobs.create(job);
        return job;
    }

    @Override
    public List<Job> jobs() {
        return jobs.readAll().jobs();
    }

    @Override
    public List<Finding> jobProblems() {
        return jobs.index().problems();
    }

    @Override
    public JobSummaryPage listJobs(JobFilter filter) {
        return jobs.index().list(filter);
    }

    @Override
    public Map<JobStatus, Long> countJobs(JobFilter filter) {
        return jobs.index().count(filter);
    }

    @Override
    public List<Job> jobs(List<String> ids) {
        List<Job> found = new ArrayList<>(ids.size());
        for (String id : ids) {
            if (!JobFiles.isJobId(id)) {
                continue;
            }
            try {
                found.add(jobs.read(id));
            } catch (RuntimeException e) {
                // missing or unreadable: left out, as listJobs reports it
            }
        }
        return found;
    }

    @Override
    public Job job(String idOrPrefix) {
        return verified(runner.recoverIfInterrupted(jobs.read(jobs.resolve(idOrPrefix)), false));
    }

    /**
     * The job with the status its verified records support (signed approvals, sealed runs), not
     * the one job.yaml claims; validate reports the difference.
     */
    private Job verified(Job job) {
        JobStatus status = validator.verifiedStatus(job);
        return status == job.status() ? job : job.toBuilder().status(status).build();
    }

    @Override
    public Job setInputs(String jobIdOrPrefix, Map<String, String> values) {
        return inputBinding.set(jobs.resolve(jobIdOrPrefix), values);
    }

    /** The file of another job's output ({@code @job:} inputs); a method, because the lookup is made after the input values. */
    private Path jobOutput(String jobIdOrPrefix, String outputName) {
        return jobOutputs.file(jobIdOrPrefix, outputName);
    }

    @Override
    public ValidationReport validate(String jobIdOrPrefix) {
        return validator.validate(jobs.resolve(jobIdOrPrefix));
    }

    // --- plans and approvals ---

    @Override
    public Plan generatePlan(String jobIdOrPrefix) {
        String jobId = jobs.resolve(jobIdOrPrefix);
        Instant now = clock.instant();
        Plan[] made = new Plan[1];
        jobs.update(jobId, job -> {
            if (!job.status().canMoveTo(JobStatus.PLANNED) && job.status() != JobStatus.DRAFT) {
                throw new InvalidTransitionException(job.status(), JobStatus.PLANNED, "job " + jobId + " is " + job.status()
                        + ": it cannot be re-planned now" + (job.status() == JobStatus.COMPLETED
                        ? "; create a new job from its intent with: bit job from-intent --intent-id " + job.intentId().substring(0, 12) : ""));
            }
            TaskPackage pkg = packages.get(job.packageRef());
            for (Step step : pkg.steps()) {
                if (!io.concierge.core.pkg.DeliveryStep.is(step)) {
                    workers.find(step.worker(), step.workerVersion());
                }
            }
            String specHash = plans.specHash(job);
            Plan plan = planner.plan(ids.next("p_", now), job, pkg, specHash,
                    Long.parseLong(currentConfig().get("runner.default_timeout_seconds")), now);
            made[0] = plans.write(plan, plans.spec(job));
            return JobTransition.move(job, JobStatus.PLANNED).specHash(specHash)
                    .plan(made[0].id(), made[0].hash()).updatedAt(now).build();
        });
        Job planned = jobs.read(jobId);
        approvals.planned(planned, packages.get(planned.packageRef()), made[0]);
        wakeAgentsIfApproved(jobs.read(jobId)); // approved by policy at planning
        return made[0];
    }

    @Override
    public List<Plan> plans(String jobIdOrPrefix) {
        String jobId = jobs.resolve(jobIdOrPrefix);
        List<Plan> all = new ArrayList<>();
        for (String id : plans.ids(jobId)) {
            all.add(plans.read(jobId, id));
        }
        return all;
    }

    @Override
    public Plan plan(String jobIdOrPrefix, String planIdOrPrefix) {
        String jobId = jobs.resolve(jobIdOrPrefix);
        if (planIdOrPrefix == null || planIdOrPrefix.isBlank()) {
            Job job = jobs.read(jobId);
            if (job.planId().isEmpty()) {
                throw new NotFoundException("job " + jobId + " has no plan yet; make one with: bit plan generate --job-id " + jobId);
            }
            return plans.read(jobId, job.planId());
        }
        String planId = IdPrefixes.resolve(plans.ids(jobId), planIdOrPrefix, "plan", "bit plan list --job-id " + jobId);
        return plans.read(jobId, planId);
    }

    @Override
    public Job approve(String jobIdOrPrefix, String approver, String note) {
        Job job = approvals.approve(jobs.resolve(jobIdOrPrefix), approverOrDefault(approver), note);
        wakeAgentsIfApproved(job);
        return job;
    }

    /** Tells waiting agents (in any process) that a job became runnable. */
    private void wakeAgentsIfApproved(Job job) {
        if (job.status() == JobStatus.APPROVED) {
            queue().signal();
        }
    }

    @Override
    public Job deny(String jobIdOrPrefix, String approver, String reason) {
        return approvals.deny(jobs.resolve(jobIdOrPrefix), approverOrDefault(approver), reason);
    }

    /** Who this Concierge acts for, as the job's creator: the default approver, normalized (empty when it is no valid name). */
    private String creator() {
        try {
            return Identities.normalize(approverOrDefault(null));
        } catch (InvalidInputException e) {
            return "";
        }
    }

    private String approverOrDefault(String approver) {
        if (approver != null && !approver.isBlank()) {
            return approver;
        }
        String configured = currentConfig().get("approval.default_approver");
        return configured.isBlank() ? options.defaultApprover() : configured;
    }

    // --- runs ---

    @Override
    public Run run(String jobIdOrPrefix, RunOptions options) {
        String jobId = jobs.resolve(jobIdOrPrefix);
        if (fileQueue != null) {
            // On the file store a run holds the job's run lock, which agents respect.
            return runner.run(jobId, options);
        }
        // A shared store knows runs by their leases: this run holds one, renewed while it lasts.
        String holder = "run-" + ProcessHandle.current().pid() + "@" + HeldLease.localHost();
        try (HeldLease held = HeldLease.acquire(store.queue(), jobId, holder, RUN_LEASE)) {
            return runner.run(jobId, options, held.lease(), new io.concierge.core.run.RunControl());
        }
    }

    @Override
    public Job halt(String jobIdOrPrefix, String by) {
        String jobId = jobs.resolve(jobIdOrPrefix);
        return runner.requestHalt(jobId, approverOrDefault(by));
    }

    @Override
    public StatusReport status(String jobIdOrPrefix) {
        StatusReport report = history.status(jobs.resolve(jobIdOrPrefix));
        return new StatusReport(verified(report.job()), report.lastRun(), report.steps(), report.interrupted());
    }

    @Override
    public List<Event> events(String jobIdOrPrefix, boolean allRuns) {
        return history.events(jobs.resolve(jobIdOrPrefix), allRuns);
    }

    @Override
    public List<Event> audit(Instant since) {
        return history.audit(since);
    }

    @Override
    public List<Artifact> artifacts(String jobIdOrPrefix) {
        return manifests.list(jobs.resolve(jobIdOrPrefix));
    }

    @Override
    public io.concierge.api.run.CacheStats cacheStats() {
        var stats = runner.cache().stats();
        return new io.concierge.api.run.CacheStats(stats.entries(), stats.bytes());
    }

    @Override
    public io.concierge.api.run.CacheStats pruneCache() {
        try (FileLock lock = workspace.lock("cache")) {
            var stats = runner.cache().prune();
            return new io.concierge.api.run.CacheStats(stats.entries(), stats.bytes());
        }
    }

    @Override
    public io.concierge.api.run.WorkspaceStats stats(Instant since) {
        return statistics.since(since);
    }

    // --- agents ---

    @Override
    public Agent agent(AgentOptions agentOptions, AgentListener listener) {
        // Each agent waits on a watch of its own: one watch serves one waiter without losing signals.
        if (fileQueue == null) {
            return new AgentLoop(agentOptions, new AgentServices(store.queue(), store.agents(), runner, jobs::read, clock,
                    () -> { }), listener);
        }
        FileWorkQueue own = new FileWorkQueue(workspace, new io.concierge.core.job.IndexedJobRecords(store.jobs(), jobs.index()), clock);
        return new AgentLoop(agentOptions, new AgentServices(own, agentRegistry(), runner, jobs::read, clock, own), listener);
    }

    @Override
    public List<AgentStatus> agents() {
        return agentRegistry().list().stream().map(a -> new AgentStatus(a.id(), a.host(), a.pid(), a.startedAt(),
                a.heartbeatAt(), a.concurrency(), a.packages(), a.currentJobs(), a.state())).toList();
    }

    @Override
    public SortedMap<String, Integer> queueDepth() {
        return queue().depth();
    }

    // --- packages ---

    @Override
    public List<TaskPackage> packages() {
        return packages.all();
    }

    @Override
    public List<Finding> packageProblems() {
        return packages.problems();
    }

    @Override
    public TaskPackage taskPackage(String ref) {
        return packages.get(ref);
    }

    @Override
    public List<PackageMatch> searchPackages(String query) {
        if (query == null || query.isBlank()) {
            throw new InvalidInputException("search text is empty; try e.g. bit package search --query audio");
        }
        return matcher.search(query, packages.newest());
    }

    @Override
    public ValidationReport validatePackage(Path packageFile) {
        return new PackageFileCheck(packageParser, workers::has).check(packageFile);
    }

    @Override
    public List<Worker> workers() {
        return workers.all();
    }

    @Override
    public List<Finding> pluginProblems() {
        return plugins.problems();
    }

    // --- configuration ---

    private Config currentConfig() {
        return workspace.config();
    }

    @Override
    public List<ConfigEntry> config() {
        return currentConfig().entries();
    }

    @Override
    public ConfigEntry setConfig(String key, String value) {
        return workspace.setConfig(key, value);
    }

    private void recordDelivery(Event event) {
        events.appendDelivery(event);
    }

    /** What a webhook body says about a job besides the event: status, package and a link. */
    private Map<String, String> jobFacts(String jobId) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("link", workspace.jobDir(jobId).toUri().toString());
        try {
            Job job = jobs.read(jobId);
            facts.put("status", job.status().name());
            facts.put("package", job.packageRef());
        } catch (RuntimeException e) {
            // the body still names the job; a broken job file is validate's business
        }
        return facts;
    }

    @Override
    public void close() {
        if (fileQueue != null) {
            fileQueue.close();
        }
        webhooks.close();
        plugins.close();
        store.close();
    }
}
