package io.concierge.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.concierge.api.Concierge;
import io.concierge.api.ConciergeOptions;
import io.concierge.api.IdGenerator;
import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.InvalidTransitionException;
import io.concierge.api.failure.NotFoundException;
import io.concierge.api.intent.Intent;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.pkg.InputSpec;
import io.concierge.api.pkg.InputType;
import io.concierge.api.pkg.PackageMatch;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.api.plan.Plan;
import io.concierge.api.plan.Step;
import io.concierge.api.run.Artifact;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import io.concierge.api.run.StatusReport;
import io.concierge.api.run.StepState;
import io.concierge.api.worker.Worker;
import io.concierge.api.workspace.ConfigEntry;
import io.concierge.api.workspace.Finding;
import io.concierge.api.workspace.ValidationReport;
import io.concierge.api.workspace.Workspace;
import io.concierge.core.approval.Approvals;
import io.concierge.core.codec.Codecs;
import io.concierge.core.integrity.JobValidator;
import io.concierge.core.intent.IntentStore;
import io.concierge.core.intent.IntentSynthesizer;
import io.concierge.core.job.JobFiles;
import io.concierge.core.pkg.PackageMatcher;
import io.concierge.core.pkg.PackageParser;
import io.concierge.core.pkg.PackageRegistry;
import io.concierge.core.plan.InputValues;
import io.concierge.core.plan.PlanFiles;
import io.concierge.core.plan.Planner;
import io.concierge.core.run.EventLog;
import io.concierge.core.run.Runner;
import io.concierge.core.run.Workers;
import io.concierge.core.workspace.AtomicFiles;
import io.concierge.core.workspace.Config;
import io.concierge.core.workspace.ConfigKey;
import io.concierge.core.workspace.FileLock;
import io.concierge.core.workspace.FileWorkspace;
import io.concierge.core.workspace.IdPrefixes;
import io.concierge.core.workspace.TimeOrderedIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The file-backed {@link Concierge}: a thin facade that wires the services of this package together. */
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
    private final io.concierge.core.notify.Webhooks webhooks;

    DefaultConcierge(ConciergeOptions options) {
        this.options = options;
        Codecs codecs = new Codecs();
        this.workspace = FileWorkspace.open(options.workspace(), codecs, options.createIfMissing(), options.environment());
        this.clock = options.clock();
        this.ids = options.ids().orElseGet(TimeOrderedIds::new);
        this.synthesizer = new IntentSynthesizer(codecs);
        this.intents = new IntentStore(workspace, synthesizer);
        this.jobs = new JobFiles(workspace);
        this.plans = new PlanFiles(workspace);
        List<Path> pluginDirs = new ArrayList<>(List.of(workspace.pluginsDir()));
        pluginDirs.addAll(options.pluginDirs());
        this.plugins = new Plugins(pluginDirs, options.discoverWorkers());
        List<ClassLoader> loaders = plugins.classLoaders(DefaultConcierge.class.getClassLoader());
        this.packageParser = new PackageParser(codecs);
        // Built-in packages come with their workers: without discovery, only the workspace's count.
        this.packages = new PackageRegistry(workspace, packageParser, options.discoverWorkers() ? loaders : List.of(),
                plugins::originOf);
        this.inputValues = new InputValues(options.workingDirectory(), this::jobOutput);
        this.planner = new Planner(inputValues);
        this.webhooks = new io.concierge.core.notify.Webhooks(workspace::config, codecs, this::jobFacts,
                this::recordDelivery, clock, 500);
        this.events = new EventLog(workspace, options.eventListener().andThen(webhooks));
        this.approvals = new Approvals(jobs, plans, events, clock, workspace::config, packages);
        this.workers = new Workers(options.workers(), loaders, options.discoverWorkers());
        this.runner = new Runner(workspace, jobs, plans, approvals, events, workers, packages, clock, ids);
        this.validator = new JobValidator(workspace, jobs, plans, approvals, events);
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
        PackageMatch match = matcher.choose(intent, packages.newest(), currentConfig().number("planner.min_confidence"),
                currentConfig().number("planner.ambiguity_margin"));
        TaskPackage pkg = match.taskPackage();
        Instant now = clock.instant();
        Job job = new Job.Builder()
                .id(ids.next("j_", now))
                .intentId(intent.id())
                .intentText(intent.text())
                .pkg(pkg.id(), pkg.version())
                .confidence(match.confidence())
                .status(JobStatus.DRAFT)
                .inputs(inputValues.extract(intent, pkg))
                .createdAt(now)
                .updatedAt(now)
                .version(1)
                .build();
        jobs.create(job);
        return job;
    }

    @Override
    public List<Job> jobs() {
        return jobs.readAll();
    }

    @Override
    public Job job(String idOrPrefix) {
        return runner.recoverIfInterrupted(jobs.read(jobs.resolve(idOrPrefix)), false);
    }

    @Override
    public Job setInputs(String jobIdOrPrefix, Map<String, String> values) {
        String jobId = jobs.resolve(jobIdOrPrefix);
        if (values.isEmpty()) {
            throw new InvalidInputException("no input given; write name=value, e.g. bit job set --job-id " + jobId + " audio_file=/path/episode.wav");
        }
        Job current = jobs.read(jobId);
        TaskPackage pkg = packages.get(current.packageRef());
        Map<String, String> checked = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            InputSpec spec = pkg.input(name).orElseThrow(() -> new InvalidInputException("job " + jobId + " has no input '" + name
                    + "' (package " + pkg.ref() + " takes: " + String.join(", ", pkg.inputs().stream().map(InputSpec::name).toList()) + ")"));
            String v = value == null ? "" : value.strip();
            boolean plainFile = spec.type() == InputType.FILE && !v.startsWith(InputValues.JOB_OUTPUT);
            checked.put(name, v.isEmpty() ? "" : plainFile ? inputValues.bindOne(jobId, spec, v) : checkedRaw(jobId, spec, v));
        });
        Instant now = clock.instant();
        return jobs.update(jobId, job -> {
            if (!job.status().isEditable()) {
                throw new InvalidTransitionException(job.status(), job.status(), "job " + jobId + " is " + job.status()
                        + ": inputs can only change while it is DRAFT or PLANNED"
                        + (job.status() == JobStatus.APPROVED ? "; withdraw the approval first with: bit deny --job-id " + jobId + " --reason ..." : ""));
            }
            Map<String, String> inputs = new LinkedHashMap<>(job.inputs());
            inputs.putAll(checked);
            return job.toBuilder().inputs(inputs).updatedAt(now).build();
        });
    }

    private String checkedRaw(String jobId, InputSpec spec, String value) {
        inputValues.bindOne(jobId, spec, value); // fails on a bad value; the person's spelling is kept
        return value;
    }

    /**
     * The file of another job's named output ({@code @job:<id>/<output>} inputs): the job must
     * have COMPLETED, and the output is looked up in its last run's events.
     */
    private Path jobOutput(String jobIdOrPrefix, String outputName) {
        String jobId = jobs.resolve(jobIdOrPrefix);
        Job job = jobs.read(jobId);
        if (job.status() != JobStatus.COMPLETED) {
            throw new InvalidTransitionException(job.status(), job.status(), "job " + jobId + " is " + job.status()
                    + ": its outputs can be used once it has COMPLETED");
        }
        Plan plan = plans.read(jobId, job.planId());
        String ref = plan.outputs().get(outputName);
        if (ref == null) {
            throw new NotFoundException("job " + jobId + " has no output '" + outputName + "'; its outputs: "
                    + String.join(", ", plan.outputs().keySet()));
        }
        java.util.regex.Matcher m = PackageParser.REFERENCE.matcher(ref);
        String[] parts = m.matches() ? m.group(1).split("\\.") : new String[0];
        if (parts.length == 3) {
            for (Event e : events.run(jobId, job.lastRunId())) {
                if (e.type().equals(EventTypes.STEP_COMPLETED) && e.stepId().equals(parts[1])
                        && e.payload().get("outputs") instanceof Map<?, ?> names && names.get(parts[2]) != null) {
                    Path file = workspace.artifactsDir(jobId).resolve(String.valueOf(names.get(parts[2]))).normalize();
                    FileWorkspace.requireInside(workspace.artifactsDir(jobId), file, "output " + outputName + " of job " + jobId);
                    if (Files.isRegularFile(file)) {
                        return file;
                    }
                }
            }
        }
        throw new NotFoundException("output '" + outputName + "' of job " + jobId + " is not in its artifacts");
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
                workers.find(step.worker(), step.workerVersion());
            }
            String specHash = plans.specHash(job);
            Plan plan = planner.plan(ids.next("p_", now), job, pkg, specHash,
                    Long.parseLong(currentConfig().get("runner.default_timeout_seconds")), now);
            made[0] = plans.write(plan, plans.spec(job));
            return job.toBuilder().status(JobStatus.PLANNED).specHash(specHash)
                    .plan(made[0].id(), made[0].hash()).updatedAt(now).build();
        });
        Job planned = jobs.read(jobId);
        Job decided = approvals.autoApprove(planned, packages.get(planned.packageRef()), made[0]);
        if (decided.status() == JobStatus.PLANNED && made[0].approvalRequired()) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("plan_id", made[0].id());
            payload.put("plan_hash", made[0].hash());
            payload.put("required_approvals", approvals.requiredApprovals(decided));
            payload.put("status", JobStatus.PLANNED.name());
            events.append(new Event(clock.instant(), EventTypes.APPROVAL_REQUESTED, jobId, "", payload));
        }
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
        return approvals.approve(jobs.resolve(jobIdOrPrefix), approverOrDefault(approver), note);
    }

    @Override
    public Job deny(String jobIdOrPrefix, String approver, String reason) {
        return approvals.deny(jobs.resolve(jobIdOrPrefix), approverOrDefault(approver), reason);
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
        return runner.run(jobs.resolve(jobIdOrPrefix), options);
    }

    @Override
    public Job halt(String jobIdOrPrefix, String by) {
        String jobId = jobs.resolve(jobIdOrPrefix);
        return runner.requestHalt(jobId, approverOrDefault(by));
    }

    @Override
    public StatusReport status(String jobIdOrPrefix) {
        String jobId = jobs.resolve(jobIdOrPrefix);
        Job job = jobs.read(jobId);
        boolean interrupted = job.status() == JobStatus.RUNNING && !workspace.isLocked(Runner.runLockName(jobId));
        job = runner.recoverIfInterrupted(job, false);
        if (job.lastRunId().isEmpty()) {
            return new StatusReport(job, Optional.empty(), List.of(), false);
        }
        List<Event> log = events.run(jobId, job.lastRunId());
        return new StatusReport(job, Optional.of(lastRun(job, log)), stepStates(job, log), interrupted);
    }

    private Run lastRun(Job job, List<Event> log) {
        Instant start = null;
        Instant end = null;
        String planId = "";
        String error = "";
        JobStatus status = JobStatus.RUNNING;
        for (Event e : log) {
            switch (e.type()) {
                case EventTypes.JOB_STARTED -> {
                    start = e.timestamp();
                    planId = String.valueOf(e.payload().getOrDefault("plan_id", ""));
                }
                case EventTypes.JOB_COMPLETED -> {
                    end = e.timestamp();
                    status = JobStatus.COMPLETED;
                }
                case EventTypes.JOB_FAILED -> {
                    end = e.timestamp();
                    status = JobStatus.FAILED;
                    error = String.valueOf(e.payload().getOrDefault("error", ""));
                }
                case EventTypes.JOB_HALTED -> {
                    end = e.timestamp();
                    status = JobStatus.HALTED;
                    error = String.valueOf(e.payload().getOrDefault("reason", ""));
                }
                default -> { }
            }
        }
        return new Run(job.lastRunId(), job.id(), planId, status, start == null ? job.updatedAt() : start, end, error);
    }

    private List<StepState> stepStates(Job job, List<Event> log) {
        List<String> stepIds = new ArrayList<>();
        try {
            plans.read(job.id(), job.planId()).steps().forEach(s -> stepIds.add(s.id()));
        } catch (RuntimeException e) {
            log.stream().map(Event::stepId).filter(s -> !s.isEmpty() && !stepIds.contains(s)).forEach(stepIds::add);
        }
        List<StepState> states = new ArrayList<>();
        for (String stepId : stepIds) {
            String state = "pending";
            int attempts = 0;
            double duration = -1;
            String error = "";
            for (Event e : log) {
                if (!stepId.equals(e.stepId())) {
                    continue;
                }
                switch (e.type()) {
                    case EventTypes.STEP_STARTED -> {
                        attempts++;
                        state = "running";
                    }
                    case EventTypes.STEP_COMPLETED -> {
                        state = "completed";
                        duration = ((Number) e.payload().getOrDefault("duration", -1)).doubleValue();
                    }
                    case EventTypes.STEP_FAILED -> {
                        state = "failed";
                        duration = ((Number) e.payload().getOrDefault("duration", -1)).doubleValue();
                        error = String.valueOf(e.payload().getOrDefault("error", ""));
                    }
                    case EventTypes.STEP_RETRIED -> state = "retrying";
                    default -> { }
                }
            }
            states.add(new StepState(stepId, state, attempts, duration, error));
        }
        return states;
    }

    @Override
    public List<Event> events(String jobIdOrPrefix, boolean allRuns) {
        String jobId = jobs.resolve(jobIdOrPrefix);
        if (allRuns) {
            return events.all(jobId);
        }
        Job job = jobs.read(jobId);
        return job.lastRunId().isEmpty() ? List.of() : events.run(jobId, job.lastRunId());
    }

    @Override
    public List<Event> audit(Instant since) {
        List<Event> trail = new ArrayList<>();
        for (String jobId : jobs.ids()) {
            for (Event e : events.all(jobId)) {
                boolean relevant = e.type().startsWith("approval.") || e.type().startsWith("job.");
                if (relevant && (since == null || !e.timestamp().isBefore(since))) {
                    trail.add(e);
                }
            }
        }
        trail.sort(java.util.Comparator.comparing(Event::timestamp).thenComparing(Event::jobId));
        return trail;
    }

    @Override
    public List<Artifact> artifacts(String jobIdOrPrefix) {
        String jobId = jobs.resolve(jobIdOrPrefix);
        Path dir = workspace.artifactsDir(jobId);
        List<Artifact> artifacts = new ArrayList<>();
        for (String name : runner.artifacts(jobId)) {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                artifacts.add(new Artifact(name, file, Files.size(file), Codecs.sha256(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return artifacts;
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
        List<Job> counted = jobs.readAll().stream().filter(j -> since == null || !j.createdAt().isBefore(since)).toList();
        Map<JobStatus, Long> byStatus = new java.util.EnumMap<>(JobStatus.class);
        Map<java.time.LocalDate, Long> perDay = new java.util.TreeMap<>();
        Map<String, List<Double>> durations = new java.util.TreeMap<>();
        for (Job job : counted) {
            byStatus.merge(job.status(), 1L, Long::sum);
            perDay.merge(job.createdAt().atZone(java.time.ZoneOffset.UTC).toLocalDate(), 1L, Long::sum);
            for (String runId : events.runIds(job.id())) {
                for (Event e : events.run(job.id(), runId)) {
                    boolean end = e.type().equals(EventTypes.JOB_COMPLETED) || e.type().equals(EventTypes.JOB_FAILED)
                            || e.type().equals(EventTypes.JOB_HALTED);
                    if (end && e.payload().get("duration") instanceof Number seconds) {
                        durations.computeIfAbsent(job.packageId(), k -> new ArrayList<>()).add(seconds.doubleValue());
                    }
                }
            }
        }
        long finished = counted.stream().filter(j -> j.status().isFinished()).count();
        double rate = finished == 0 ? 0 : (double) byStatus.getOrDefault(JobStatus.COMPLETED, 0L) / finished;
        List<io.concierge.api.run.WorkspaceStats.PackageDurations> packageDurations = new ArrayList<>();
        durations.forEach((id, list) -> {
            List<Double> sorted = list.stream().sorted().toList();
            packageDurations.add(new io.concierge.api.run.WorkspaceStats.PackageDurations(id, sorted.size(),
                    percentile(sorted, 0.5), percentile(sorted, 0.95)));
        });
        return new io.concierge.api.run.WorkspaceStats(counted.size(), byStatus, rate, packageDurations, perDay);
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(List<Double> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    // --- packages ---

    @Override
    public List<TaskPackage> packages() {
        return packages.all();
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
        List<String> checked = List.of("YAML is well formed", "schema of docs/task-packages.md", "workers are installed");
        byte[] bytes;
        try {
            if (Files.isDirectory(packageFile)) {
                throw new InvalidInputException(packageFile + " is a folder; give its package.yaml file");
            }
            if (!Files.isRegularFile(packageFile)) {
                throw new NotFoundException("package file " + packageFile + " does not exist");
            }
            if (Files.size(packageFile) > Codecs.MAX_DOCUMENT_BYTES) {
                return new ValidationReport(packageFile.toString(), checked,
                        List.of(new Finding("package.yaml", "is larger than 1 MiB; it cannot be a package")));
            }
            bytes = Files.readAllBytes(packageFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PackageParser.Result result = packageParser.parse(bytes, packageFile.toString());
        List<Finding> findings = new ArrayList<>(result.findings());
        List<String> stepWorkers = result.stepWorkers();
        for (int i = 0; i < stepWorkers.size(); i++) {
            String worker = stepWorkers.get(i);
            if (!worker.isEmpty() && !workers.has(worker)) {
                findings.add(new Finding("steps[" + i + "].worker", "no worker '" + worker + "' is installed"));
            }
        }
        return new ValidationReport(packageFile.toString(), checked, findings);
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
        ConfigKey spec = ConfigKey.find(key).orElseThrow(() -> new InvalidInputException("unknown configuration key '" + key
                + "'; known keys: " + ConfigKey.names()));
        if (key.equals("version")) {
            throw new InvalidInputException("version is set by Concierge, not by hand");
        }
        String checked = spec.check(value == null ? "" : value, "");
        try (FileLock lock = workspace.lock("config")) {
            JsonNode current = workspace.codecs().readJson(workspace.configFile(), "configuration");
            AtomicFiles.write(workspace.configFile(), workspace.codecs().writePrettyJson(Config.with(current, key, checked, spec)));
            workspace.reloadConfig();
        }
        return currentConfig().entries().stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
    }

    private void recordDelivery(Event event) {
        events.append(event);
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
        webhooks.close();
        plugins.close();
    }
}
