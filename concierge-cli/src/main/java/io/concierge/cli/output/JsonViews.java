package io.concierge.cli.output;

import io.concierge.api.approval.Approval;
import io.concierge.api.event.Event;
import io.concierge.api.intent.Intent;
import io.concierge.api.intent.Quantity;
import io.concierge.api.job.Job;
import io.concierge.api.pkg.InputSpec;
import io.concierge.api.pkg.PackageMatch;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.api.pkg.VerificationRule;
import io.concierge.api.plan.Plan;
import io.concierge.api.plan.Step;
import io.concierge.api.run.Artifact;
import io.concierge.api.run.Run;
import io.concierge.api.run.StatusReport;
import io.concierge.api.run.StepState;
import io.concierge.api.workspace.ConfigEntry;
import io.concierge.api.workspace.Finding;
import io.concierge.api.workspace.ValidationReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code --json} shape of every API record: snake_case keys in a fixed order, instants as
 * ISO-8601 UTC strings, absent values as {@code null}. Written by hand rather than by
 * reflection so that renaming a Java component never silently changes what scripts parse.
 */
public final class JsonViews {
    private JsonViews() {
    }

    /** An intent. */
    public static Map<String, Object> intent(Intent intent) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", intent.id());
        map.put("short_id", intent.shortId());
        map.put("text", intent.text());
        map.put("distilled", intent.distilled());
        map.put("verb", intent.verb());
        map.put("keywords", intent.keywords());
        map.put("files", intent.files());
        map.put("quantities", list(intent.quantities(), JsonViews::quantity));
        map.put("formats", intent.formats());
        map.put("success_criteria", intent.successCriteria());
        map.put("constraints", intent.constraints());
        map.put("synthesized_at", instant(intent.synthesizedAt()));
        return map;
    }

    private static Map<String, Object> quantity(Quantity quantity) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("value", quantity.value());
        map.put("unit", quantity.unit());
        return map;
    }

    /** A job. */
    public static Map<String, Object> job(Job job) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", job.id());
        map.put("status", job.status().name());
        map.put("intent_id", job.intentId());
        map.put("intent_text", job.intentText());
        map.put("package_id", job.packageId());
        map.put("package_version", job.packageVersion());
        map.put("confidence", job.confidence());
        map.put("inputs", job.inputs());
        map.put("created_at", instant(job.createdAt()));
        map.put("updated_at", instant(job.updatedAt()));
        map.put("spec_hash", job.specHash());
        map.put("plan_id", job.planId());
        map.put("plan_hash", job.planHash());
        map.put("last_run_id", job.lastRunId());
        map.put("approval_log", list(job.approvalLog(), JsonViews::approval));
        map.put("version", job.version());
        return map;
    }

    /** One approval-log entry. */
    public static Map<String, Object> approval(Approval approval) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("action", approval.action().word());
        map.put("by", approval.by());
        map.put("at", instant(approval.at()));
        map.put("plan_id", approval.planId());
        map.put("plan_hash", approval.planHash());
        map.put("note", approval.note());
        return map;
    }

    /** A plan. */
    public static Map<String, Object> plan(Plan plan) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", plan.id());
        map.put("job_id", plan.jobId());
        map.put("package_id", plan.packageId());
        map.put("package_version", plan.packageVersion());
        map.put("package_hash", plan.packageHash());
        map.put("spec_hash", plan.specHash());
        map.put("confidence", plan.confidence());
        map.put("created_at", instant(plan.createdAt()));
        map.put("inputs", plan.inputs());
        map.put("steps", list(plan.steps(), JsonViews::step));
        map.put("outputs", plan.outputs());
        map.put("approval_required", plan.approvalRequired());
        map.put("max_retries", plan.maxRetries());
        map.put("timeout_seconds", plan.timeoutSeconds());
        map.put("hash", plan.hash());
        return map;
    }

    /** A pipeline step. */
    public static Map<String, Object> step(Step step) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", step.id());
        map.put("worker", step.worker());
        map.put("worker_version", step.workerVersion());
        map.put("inputs", step.inputs());
        map.put("params", step.params());
        return map;
    }

    /** A run. */
    public static Map<String, Object> run(Run run) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", run.id());
        map.put("job_id", run.jobId());
        map.put("plan_id", run.planId());
        map.put("status", run.status().name());
        map.put("started_at", instant(run.startedAt()));
        map.put("ended_at", instant(run.endedAt()));
        map.put("error", run.error());
        return map;
    }

    /** A status report. */
    public static Map<String, Object> status(StatusReport report) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("job", job(report.job()));
        map.put("last_run", report.lastRun().map(JsonViews::run).orElse(null));
        map.put("steps", list(report.steps(), JsonViews::stepState));
        map.put("interrupted", report.interrupted());
        return map;
    }

    /** What a run did with one step. */
    public static Map<String, Object> stepState(StepState state) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("step_id", state.stepId());
        map.put("state", state.state());
        map.put("attempts", state.attempts());
        map.put("duration", state.duration() < 0 ? null : state.duration());
        map.put("error", state.error());
        return map;
    }

    /** An event, in the same shape as a line of the event log. */
    public static Map<String, Object> event(Event event) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("timestamp", instant(event.timestamp()));
        map.put("type", event.type());
        map.put("job_id", event.jobId());
        map.put("run_id", event.runId());
        map.put("payload", event.payload());
        return map;
    }

    /** An artifact. */
    public static Map<String, Object> artifact(Artifact artifact) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", artifact.name());
        map.put("path", artifact.path().toAbsolutePath().toString());
        map.put("size", artifact.size());
        map.put("sha256", artifact.sha256());
        return map;
    }

    /** A task package. */
    public static Map<String, Object> taskPackage(TaskPackage pkg) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", pkg.id());
        map.put("version", pkg.version());
        map.put("name", pkg.name());
        map.put("description", pkg.description());
        Map<String, Object> vocabulary = new LinkedHashMap<>();
        if (pkg.vocabulary() != null) {
            vocabulary.put("verbs", pkg.vocabulary().verbs());
            vocabulary.put("keywords", pkg.vocabulary().keywords());
            vocabulary.put("extensions", pkg.vocabulary().extensions());
            vocabulary.put("formats", pkg.vocabulary().formats());
        }
        map.put("intent", vocabulary);
        map.put("inputs", list(pkg.inputs(), JsonViews::inputSpec));
        map.put("steps", list(pkg.steps(), JsonViews::step));
        map.put("outputs", pkg.outputs());
        map.put("approval_required", pkg.approvalRequired());
        map.put("max_retries", pkg.maxRetries());
        map.put("timeout_seconds", pkg.timeoutSeconds());
        map.put("verification", list(pkg.verification(), JsonViews::verificationRule));
        map.put("resources", pkg.resources());
        map.put("origin", pkg.origin());
        map.put("hash", pkg.hash());
        return map;
    }

    private static Map<String, Object> inputSpec(InputSpec input) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", input.name());
        map.put("type", input.type().word());
        map.put("required", input.required());
        map.put("default", input.defaultValue());
        map.put("unit", input.unit());
        map.put("choices", input.choices());
        map.put("extensions", input.extensions());
        map.put("description", input.description());
        return map;
    }

    private static Map<String, Object> verificationRule(VerificationRule rule) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("output", rule.output());
        map.put("rule", rule.rule());
        map.put("value", rule.value());
        return map;
    }

    /** A package search result. */
    public static Map<String, Object> match(PackageMatch match) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", match.taskPackage().id());
        map.put("version", match.taskPackage().version());
        map.put("name", match.taskPackage().name());
        map.put("confidence", match.confidence());
        map.put("reasons", match.reasons());
        return map;
    }

    /** A validation report. */
    public static Map<String, Object> validation(ValidationReport report) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("subject", report.subject());
        map.put("valid", report.isValid());
        map.put("checked", report.checked());
        map.put("findings", list(report.findings(), JsonViews::finding));
        return map;
    }

    private static Map<String, Object> finding(Finding finding) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("subject", finding.subject());
        map.put("message", finding.message());
        return map;
    }

    /** A configuration entry. */
    public static Map<String, Object> config(ConfigEntry entry) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("key", entry.key());
        map.put("value", entry.value());
        map.put("default", entry.defaultValue());
        map.put("source", entry.source());
        map.put("description", entry.description());
        return map;
    }

    /** Maps every element of a list. */
    public static <T> List<Map<String, Object>> list(List<T> values, Function<T, Map<String, Object>> view) {
        List<Map<String, Object>> result = new ArrayList<>(values.size());
        for (T value : values) {
            result.add(view.apply(value));
        }
        return result;
    }

    /** ISO-8601 UTC ({@code 2026-11-25T13:00:00.123Z}), or null. */
    public static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
