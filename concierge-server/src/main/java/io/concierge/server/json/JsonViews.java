package io.concierge.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.Concierge;
import io.concierge.api.agent.AgentStatus;
import io.concierge.api.approval.Approval;
import io.concierge.api.event.Event;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.intent.Intent;
import io.concierge.api.intent.Quantity;
import io.concierge.api.job.Job;
import io.concierge.api.pkg.InputSpec;
import io.concierge.api.pkg.InputType;
import io.concierge.api.pkg.PackageMatch;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.api.pkg.VerificationRule;
import io.concierge.api.plan.Plan;
import io.concierge.api.plan.Step;
import io.concierge.api.run.Artifact;
import io.concierge.api.run.CacheStats;
import io.concierge.api.run.Run;
import io.concierge.api.run.StatusReport;
import io.concierge.api.run.StepState;
import io.concierge.api.run.WorkspaceStats;
import io.concierge.api.workspace.ConfigEntry;
import io.concierge.api.workspace.Finding;
import io.concierge.api.workspace.ValidationReport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one JSON shape of every API record, for {@code bit --json} and the HTTP API alike.
 *
 * <p>The rules, which the golden files under {@code src/test/resources/json/} pin:
 * <ul>
 *   <li>keys are snake_case, in a fixed order, written by hand rather than by reflection, so
 *       that renaming a Java component never silently changes what scripts parse;</li>
 *   <li>a missing value is {@code null}, never an empty string and never an absent key
 *       (an unset input, a job without a plan, a step without a duration);</li>
 *   <li>typed values keep their type: booleans and numbers are JSON booleans and numbers,
 *       and input values follow the type their package declares ({@code "fail": false});</li>
 *   <li>instants are ISO-8601 UTC strings ({@code 2026-11-25T13:00:00.123Z}); durations say
 *       their unit in the name ({@code duration_seconds}, {@code timeout_seconds}).</li>
 * </ul>
 *
 * <p>The command line and the server differ in one thing only: where an artifact is. {@link
 * #forCommandLine} gives its local {@code path} (and a null {@code url}); {@link #forHttp} its
 * download {@code url} (and a null {@code path}, since the server's files are not the client's).
 *
 * <pre>{@code
 * JsonViews views = JsonViews.forCommandLine(JsonViews.packagesOf(concierge));
 * ObjectNode job = views.job(concierge.job("j_01"));
 * }</pre>
 */
public final class JsonViews {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern INPUT_REFERENCE = Pattern.compile("\\$\\{inputs\\.([A-Za-z0-9_]+)}");

    private final Function<String, Optional<TaskPackage>> packages;
    private final boolean httpLinks;

    private JsonViews(Function<String, Optional<TaskPackage>> packages, boolean httpLinks) {
        this.packages = packages;
        this.httpLinks = httpLinks;
    }

    /**
     * Views for {@code bit --json}: artifacts with their local path.
     *
     * @param packages finds a task package by {@code id@version}, for the types of input values
     * @return the views
     */
    public static JsonViews forCommandLine(Function<String, Optional<TaskPackage>> packages) {
        return new JsonViews(packages, false);
    }

    /**
     * Views for the HTTP API: artifacts with their download URL.
     *
     * @param packages finds a task package by {@code id@version}, for the types of input values
     * @return the views
     */
    public static JsonViews forHttp(Function<String, Optional<TaskPackage>> packages) {
        return new JsonViews(packages, true);
    }

    /**
     * A package lookup over a Concierge: a package that cannot be found or read gives empty,
     * and its inputs are then shown as text.
     *
     * @param concierge where the packages are
     * @return the lookup
     */
    public static Function<String, Optional<TaskPackage>> packagesOf(Concierge concierge) {
        return ref -> {
            try {
                return Optional.of(concierge.taskPackage(ref));
            } catch (ConciergeException e) {
                return Optional.empty();
            }
        };
    }

    /**
     * An intent.
     *
     * @param intent the intent
     * @return its view
     */
    public ObjectNode intent(Intent intent) {
        ObjectNode node = NODES.objectNode()
                .put("id", intent.id())
                .put("short_id", intent.shortId())
                .put("text", intent.text())
                .put("distilled", optional(intent.distilled()))
                .put("verb", optional(intent.verb()));
        node.set("keywords", strings(intent.keywords()));
        node.set("files", strings(intent.files()));
        ArrayNode quantities = node.putArray("quantities");
        for (Quantity q : intent.quantities()) {
            quantities.addObject().put("value", q.value()).put("unit", optional(q.unit())).put("text", q.toString());
        }
        node.set("formats", strings(intent.formats()));
        node.set("success_criteria", strings(intent.successCriteria()));
        node.set("constraints", strings(intent.constraints()));
        node.put("synthesized_at", time(intent.synthesizedAt()));
        return node;
    }

    /**
     * How many jobs there are, in all and per status (every status present, zero or not), as the
     * dashboard's tabs show them: {@code {"all": 12, "by_status": {"DRAFT": 1, ...}}}.
     *
     * @param jobs the jobs counted
     * @return the counts
     */
    public ObjectNode jobCounts(java.util.Collection<io.concierge.api.job.JobSummary> jobs) {
        java.util.Map<io.concierge.api.job.JobStatus, Long> counts = new java.util.EnumMap<>(io.concierge.api.job.JobStatus.class);
        jobs.forEach(job -> counts.merge(job.status(), 1L, Long::sum));
        return jobCounts(counts);
    }

    /**
     * The counts of {@link #jobCounts(java.util.Collection)} from jobs per status.
     *
     * @param counts jobs per status; a status left out counts zero
     * @return the counts
     */
    public ObjectNode jobCounts(java.util.Map<io.concierge.api.job.JobStatus, Long> counts) {
        long all = 0;
        ObjectNode node = NODES.objectNode();
        ObjectNode byStatus = NODES.objectNode();
        for (io.concierge.api.job.JobStatus status : io.concierge.api.job.JobStatus.values()) {
            long count = counts.getOrDefault(status, 0L);
            byStatus.put(status.name(), count);
            all += count;
        }
        node.put("all", all);
        node.set("by_status", byStatus);
        return node;
    }

    /**
     * A job. Its {@code job.yaml} names differ in three places: {@code intent} is
     * {@code intent_text}, {@code package} is {@code package_id}, and {@code hashes.spec} and
     * {@code hashes.plan} are {@code spec_hash} and {@code plan_hash}.
     *
     * @param job the job
     * @return its view
     */
    public ObjectNode job(Job job) {
        ObjectNode node = NODES.objectNode()
                .put("id", job.id())
                .put("status", job.status().name())
                .put("intent_id", job.intentId())
                .put("intent_text", job.intentText())
                .put("package_id", job.packageId())
                .put("package_version", job.packageVersion())
                .put("package_ref", job.packageRef())
                .put("confidence", job.confidence());
        node.set("inputs", InputValues.object(job.inputs(), inputSpecs(job.packageRef())));
        node.put("created_at", time(job.createdAt()))
                .put("updated_at", time(job.updatedAt()))
                .put("spec_hash", optional(job.specHash()))
                .put("plan_id", optional(job.planId()))
                .put("plan_hash", optional(job.planHash()))
                .put("last_run_id", optional(job.lastRunId()));
        ArrayNode log = node.putArray("approval_log");
        job.approvalLog().forEach(a -> log.add(approval(a)));
        node.put("version", job.version());
        return node;
    }

    /**
     * One approval-log entry.
     *
     * @param approval the entry
     * @return its view
     */
    public ObjectNode approval(Approval approval) {
        return NODES.objectNode()
                .put("action", approval.action().word())
                .put("by", approval.by())
                .put("at", time(approval.at()))
                .put("plan_id", approval.planId())
                .put("plan_hash", approval.planHash())
                .put("note", optional(approval.note()))
                .put("prev_hash", optional(approval.prevHash()));
    }

    /**
     * A plan; its inputs and the step values taken straight from an input keep the input's type.
     *
     * @param plan the plan
     * @return its view
     */
    public ObjectNode plan(Plan plan) {
        Optional<TaskPackage> pkg = packages.apply(plan.packageRef());
        Map<String, InputSpec> specs = inputSpecs(pkg);
        ObjectNode node = NODES.objectNode()
                .put("id", plan.id())
                .put("job_id", plan.jobId())
                .put("package_id", plan.packageId())
                .put("package_version", plan.packageVersion())
                .put("package_ref", plan.packageRef())
                .put("package_hash", plan.packageHash())
                .put("spec_hash", plan.specHash())
                .put("confidence", plan.confidence())
                .put("created_at", time(plan.createdAt()));
        node.set("inputs", InputValues.object(plan.inputs(), specs));
        ArrayNode steps = node.putArray("steps");
        for (Step step : plan.steps()) {
            Optional<Step> template = pkg.flatMap(p -> p.steps().stream().filter(s -> s.id().equals(step.id())).findFirst());
            steps.add(step(step, template.map(s -> typesByReference(s, specs)).orElse(Map.of())));
        }
        node.set("outputs", strings(plan.outputs()));
        node.put("approval_required", plan.approvalRequired())
                .put("max_retries", plan.maxRetries());
        node.set("retry_on", strings(plan.retryOn()));
        node.put("timeout_seconds", plan.timeoutSeconds())
                .put("hash", plan.hash());
        return node;
    }

    /**
     * A pipeline step as written (values as text: in a package they are templates such as
     * {@code ${inputs.fail}}).
     *
     * @param step the step
     * @return its view
     */
    public ObjectNode step(Step step) {
        return step(step, Map.of());
    }

    private ObjectNode step(Step step, Map<String, InputSpec> specs) {
        ObjectNode node = NODES.objectNode()
                .put("id", step.id())
                .put("worker", step.worker())
                .put("worker_version", optional(step.workerVersion()));
        node.set("inputs", InputValues.object(step.inputs(), prefixed(specs, "inputs.")));
        node.set("params", InputValues.object(step.params(), prefixed(specs, "params.")));
        node.put("continue_on_failure", step.continueOnFailure());
        return node;
    }

    /**
     * A run.
     *
     * @param run the run
     * @return its view
     */
    public ObjectNode run(Run run) {
        return NODES.objectNode()
                .put("id", run.id())
                .put("job_id", run.jobId())
                .put("plan_id", run.planId())
                .put("status", run.status().name())
                .put("started_at", time(run.startedAt()))
                .put("ended_at", time(run.endedAt()))
                .put("error", optional(run.error()));
    }

    /**
     * A status report: the job's id and status first (what a script asks for), then the latest
     * run, its steps and the whole job.
     *
     * @param report the report
     * @return its view
     */
    public ObjectNode status(StatusReport report) {
        ObjectNode node = NODES.objectNode()
                .put("job_id", report.job().id())
                .put("status", report.job().status().name())
                .put("interrupted", report.interrupted());
        node.set("last_run", report.lastRun().<JsonNode>map(this::run).orElse(NODES.nullNode()));
        ArrayNode steps = node.putArray("steps");
        report.steps().forEach(s -> steps.add(stepState(s)));
        node.set("job", job(report.job()));
        return node;
    }

    /**
     * What the latest run did with one step.
     *
     * @param state the step's state
     * @return its view
     */
    public ObjectNode stepState(StepState state) {
        ObjectNode node = NODES.objectNode()
                .put("step_id", state.stepId())
                .put("state", state.state())
                .put("attempts", state.attempts());
        if (state.duration() >= 0) {
            node.put("duration_seconds", state.duration());
        } else {
            node.putNull("duration_seconds");
        }
        return node.put("error", optional(state.error()));
    }

    /**
     * An event, with the fields of its line in the event log (whose payload keeps the log's
     * own names, such as {@code duration} in seconds, since the guide's scripts read them).
     *
     * @param event the event
     * @return its view
     */
    public ObjectNode event(Event event) {
        ObjectNode node = NODES.objectNode()
                .put("timestamp", time(event.timestamp()))
                .put("type", event.type())
                .put("job_id", optional(event.jobId()))
                .put("run_id", optional(event.runId()));
        node.set("payload", tree(event.payload()));
        return node;
    }

    /**
     * An artifact of a job: its local path on the command line, its download URL over HTTP.
     *
     * @param jobId    the job's full id
     * @param artifact the artifact
     * @return its view
     */
    public ObjectNode artifact(String jobId, Artifact artifact) {
        return NODES.objectNode()
                .put("name", artifact.name())
                .put("path", httpLinks ? null : artifact.path().toAbsolutePath().toString())
                .put("size", artifact.size())
                .put("sha256", artifact.sha256())
                .put("url", httpLinks ? "/api/jobs/" + segment(jobId) + "/artifacts/" + segment(artifact.name()) : null);
    }

    /**
     * A task package. Its {@code package.yaml} names differ: {@code intent} is
     * {@code vocabulary}, {@code approval.*} and {@code failure_handling.*} are flattened.
     *
     * @param pkg the package
     * @return its view
     */
    public ObjectNode taskPackage(TaskPackage pkg) {
        ObjectNode node = NODES.objectNode()
                .put("id", pkg.id())
                .put("version", pkg.version())
                .put("ref", pkg.ref())
                .put("name", pkg.name())
                .put("description", optional(pkg.description()));
        if (pkg.vocabulary() != null) {
            ObjectNode vocabulary = node.putObject("vocabulary");
            vocabulary.set("verbs", strings(pkg.vocabulary().verbs()));
            vocabulary.set("keywords", strings(pkg.vocabulary().keywords()));
            vocabulary.set("extensions", strings(pkg.vocabulary().extensions()));
            vocabulary.set("formats", strings(pkg.vocabulary().formats()));
        } else {
            node.putNull("vocabulary");
        }
        ArrayNode inputs = node.putArray("inputs");
        for (InputSpec spec : pkg.inputs()) {
            ObjectNode input = inputs.addObject()
                    .put("name", spec.name())
                    .put("type", spec.type().word())
                    .put("required", spec.required());
            input.set("default", InputValues.value(spec.defaultValue(), spec.type()));
            input.put("unit", optional(spec.unit()));
            input.set("choices", strings(spec.choices()));
            input.set("extensions", strings(spec.extensions()));
            input.put("fill", optional(spec.fill())).put("description", optional(spec.description()));
        }
        ArrayNode steps = node.putArray("steps");
        pkg.steps().forEach(step -> steps.add(step(step)));
        node.set("outputs", strings(pkg.outputs()));
        node.put("approval_required", pkg.approvalRequired())
                .put("required_approvals", pkg.requiredApprovals())
                .put("auto_approve", pkg.autoApprove())
                .put("max_retries", pkg.maxRetries());
        node.set("retry_on", strings(pkg.retryOn()));
        node.put("timeout_seconds", pkg.timeoutSeconds());
        ArrayNode verification = node.putArray("verification");
        for (VerificationRule rule : pkg.verification()) {
            verification.addObject().put("output", rule.output()).put("rule", rule.rule())
                    .put("value", optional(rule.value()));
        }
        ObjectNode resources = node.putObject("resources");
        pkg.resources().forEach((name, value) -> resources.set(name, InputValues.value(value, InputType.NUMBER)));
        node.put("origin", optional(pkg.origin())).put("hash", pkg.hash());
        return node;
    }

    /**
     * A package search result.
     *
     * @param match the match
     * @return its view
     */
    public ObjectNode match(PackageMatch match) {
        ObjectNode node = NODES.objectNode()
                .put("id", match.taskPackage().id())
                .put("version", match.taskPackage().version())
                .put("ref", match.taskPackage().ref())
                .put("name", match.taskPackage().name())
                .put("confidence", match.confidence());
        node.set("reasons", strings(match.reasons()));
        return node;
    }

    /**
     * A validation report (of a job, a package or the audit).
     *
     * @param report the report
     * @return its view
     */
    public ObjectNode validation(ValidationReport report) {
        ObjectNode node = NODES.objectNode()
                .put("subject", report.subject())
                .put("valid", report.isValid());
        node.set("checked", strings(report.checked()));
        ArrayNode findings = node.putArray("findings");
        report.findings().forEach(f -> findings.add(finding(f)));
        return node;
    }

    /**
     * One finding of a validation.
     *
     * @param finding the finding
     * @return its view
     */
    public ObjectNode finding(Finding finding) {
        return NODES.objectNode().put("subject", finding.subject()).put("message", finding.message());
    }

    /**
     * A configuration entry.
     *
     * @param entry the entry
     * @return its view
     */
    public ObjectNode config(ConfigEntry entry) {
        return NODES.objectNode()
                .put("key", entry.key())
                .put("value", entry.value())
                .put("default", entry.defaultValue())
                .put("source", optional(entry.source()))
                .put("description", optional(entry.description()));
    }

    /**
     * Workspace statistics.
     *
     * @param stats the statistics
     * @return its view
     */
    public ObjectNode stats(WorkspaceStats stats) {
        ObjectNode node = NODES.objectNode().put("jobs", stats.jobs());
        ObjectNode byStatus = node.putObject("by_status");
        stats.byStatus().forEach((status, count) -> byStatus.put(status.name(), count));
        node.put("success_rate", stats.successRate());
        ArrayNode packagesNode = node.putArray("packages");
        for (WorkspaceStats.PackageDurations pkg : stats.packages()) {
            packagesNode.addObject()
                    .put("package_id", pkg.packageId())
                    .put("runs", pkg.runs())
                    .put("median_seconds", pkg.medianSeconds())
                    .put("p95_seconds", pkg.p95Seconds());
        }
        ObjectNode perDay = node.putObject("jobs_per_day");
        stats.jobsPerDay().forEach((day, count) -> perDay.put(day.toString(), count));
        return node;
    }

    /**
     * Step-cache statistics.
     *
     * @param stats the statistics
     * @return its view
     */
    public ObjectNode cacheStats(CacheStats stats) {
        return NODES.objectNode().put("entries", stats.entries()).put("bytes", stats.bytes());
    }

    /**
     * An agent as its last heartbeat describes it, seen at {@code now}: the heartbeat's age, and
     * whether the agent looks dead ({@code stale}: no heartbeat for three lease periods).
     *
     * @param agent the agent
     * @param now   the time the age is measured at
     * @param lease the lease duration the agents use
     * @return its view
     */
    public ObjectNode agent(AgentStatus agent, Instant now, Duration lease) {
        ObjectNode node = NODES.objectNode()
                .put("id", agent.id())
                .put("host", agent.host())
                .put("pid", agent.pid())
                .put("state", agent.state())
                .put("stale", agent.stale(now, lease))
                .put("started_at", agent.startedAt().toString())
                .put("heartbeat_at", agent.heartbeatAt().toString())
                .put("heartbeat_age_seconds", agent.heartbeatAge(now).toMillis() / 1000.0)
                .put("concurrency", agent.concurrency());
        agent.packages().forEach(node.putArray("packages")::add);
        agent.currentJobs().forEach(node.putArray("current_jobs")::add);
        return node;
    }

    /**
     * The queue's depth: jobs waiting for an agent, in all and by package id.
     *
     * @param depth counts by package id
     * @return its view
     */
    public ObjectNode queue(SortedMap<String, Integer> depth) {
        ObjectNode node = NODES.objectNode().put("queued", depth.values().stream().mapToInt(Integer::intValue).sum());
        ObjectNode byPackage = node.putObject("by_package");
        depth.forEach(byPackage::put);
        return node;
    }

    /**
     * Views of every element, in order.
     *
     * @param values the records
     * @param view   the view of one
     * @param <T>    the record type
     * @return the array
     */
    public <T> ArrayNode list(Collection<T> values, Function<T, ? extends JsonNode> view) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(v -> array.add(view.apply(v)));
        return array;
    }

    /**
     * Percent-encodes one URL path segment.
     *
     * @param text the segment
     * @return the encoded segment
     */
    public static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Map<String, InputSpec> inputSpecs(String packageRef) {
        return inputSpecs(packages.apply(packageRef));
    }

    private static Map<String, InputSpec> inputSpecs(Optional<TaskPackage> pkg) {
        Map<String, InputSpec> specs = new LinkedHashMap<>();
        pkg.ifPresent(p -> p.inputs().forEach(spec -> specs.put(spec.name(), spec)));
        return specs;
    }

    /**
     * The input specs of a package step's values that are exactly one {@code ${inputs.NAME}},
     * keyed {@code inputs.KEY} and {@code params.KEY}: such a value is the input, bound.
     */
    private static Map<String, InputSpec> typesByReference(Step template, Map<String, InputSpec> specs) {
        Map<String, InputSpec> typed = new LinkedHashMap<>();
        template.inputs().forEach((key, value) -> reference(value, specs).ifPresent(s -> typed.put("inputs." + key, s)));
        template.params().forEach((key, value) -> reference(value, specs).ifPresent(s -> typed.put("params." + key, s)));
        return typed;
    }

    private static Optional<InputSpec> reference(String template, Map<String, InputSpec> specs) {
        Matcher m = INPUT_REFERENCE.matcher(template.strip());
        return m.matches() ? Optional.ofNullable(specs.get(m.group(1))) : Optional.empty();
    }

    private static Map<String, InputSpec> prefixed(Map<String, InputSpec> specs, String prefix) {
        Map<String, InputSpec> result = new LinkedHashMap<>();
        specs.forEach((key, spec) -> {
            if (key.startsWith(prefix)) {
                result.put(key.substring(prefix.length()), spec);
            }
        });
        return result;
    }

    private static ArrayNode strings(Collection<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static ObjectNode strings(Map<String, String> values) {
        ObjectNode object = NODES.objectNode();
        values.forEach(object::put);
        return object;
    }

    /** Plain values (maps, lists, text, numbers, booleans, instants) as a tree. */
    private static JsonNode tree(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), tree(v)));
            return object;
        }
        if (value instanceof Collection<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(v -> array.add(tree(v)));
            return array;
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return NODES.numberNode(n.doubleValue());
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(instant.toString());
        }
        return NODES.textNode(String.valueOf(value));
    }

    /** Null for a missing value, which the API records keep as null or empty text. */
    private static String optional(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
