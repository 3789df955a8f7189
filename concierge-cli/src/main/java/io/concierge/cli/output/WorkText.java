package io.concierge.cli.output;

import io.concierge.api.approval.Approval;
import io.concierge.api.event.Event;
import io.concierge.api.intent.Intent;
import io.concierge.api.job.Job;
import io.concierge.api.plan.Plan;
import io.concierge.api.plan.Step;
import io.concierge.api.run.Run;
import io.concierge.api.run.StatusReport;
import io.concierge.api.run.StepState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The text {@code bit} prints for intents, jobs, plans, runs and events.
 *
 * <p>Scripts parse some of it, so two rules hold: list lines start with the id and hold no
 * line breaks, and the details of a job or a status report have exactly one line containing
 * the word {@code status}, namely {@code status: <STATUS>} (the guide greps for it). Free text in
 * those two (intent text, input values, notes, errors) therefore shows a lower-case "status" as
 * "Status": {@code grep status} is case-sensitive, and a worker error such as "exited with
 * status 1" must not become a second match.
 */
public final class WorkText {
    /** A line break of any kind, as {@code \\R} in a regular expression matches one. */
    private static final java.util.regex.Pattern LINE_BREAK = java.util.regex.Pattern.compile("\\R");

    private WorkText() {
    }

    /** The header of {@code bit intent list} on a terminal. */
    public static String intentHeader() {
        return String.format("%-12s  %-20s  %s", "INTENT", "SYNTHESIZED", "TEXT");
    }

    /** {@code <12-char id>  <synthesized_at>  <text>}. */
    public static String intentLine(Intent intent) {
        return intent.shortId() + "  " + TextFormat.time(intent.synthesizedAt()) + "  " + oneLine(intent.text());
    }

    /** Everything about an intent, one field a line. */
    public static List<String> intentDetails(Intent intent) {
        List<String> lines = new ArrayList<>();
        lines.add("intent: " + intent.id());
        lines.add("text: " + oneLine(intent.text()));
        lines.add("distilled: " + TextFormat.orDash(intent.distilled()));
        lines.add("verb: " + TextFormat.orDash(intent.verb()));
        lines.add("files: " + TextFormat.joined(intent.files()));
        lines.add("quantities: " + TextFormat.joined(intent.quantities()));
        lines.add("formats: " + TextFormat.joined(intent.formats()));
        lines.add("keywords: " + TextFormat.joined(intent.keywords()));
        lines.add("success criteria: " + TextFormat.joined(intent.successCriteria()));
        lines.add("constraints: " + TextFormat.joined(intent.constraints()));
        lines.add("synthesized: " + TextFormat.time(intent.synthesizedAt()));
        return lines;
    }

    /** {@code <job id>  <STATUS>  <package@version>  <created_at>  <intent text>}. */
    public static String jobLine(Job job) {
        return job.id() + "  " + job.status().name() + "  " + job.packageRef() + "  "
                + TextFormat.time(job.createdAt()) + "  " + oneLine(job.intentText());
    }

    /**
     * Appends {@code <job id>  <STATUS>  <package@version>  <created_at>  <intent text>} and a line
     * break, from a job list's summary: straight into the list's text, as lists run to 100,000 lines.
     */
    public static void appendJobLine(StringBuilder out, io.concierge.api.job.JobSummary job) {
        out.append(job.id()).append("  ").append(job.status().name()).append("  ").append(job.packageId()).append('@')
                .append(job.packageVersion()).append("  ");
        TextFormat.appendTime(out, job.createdAt());
        out.append("  ").append(oneLine(job.intentText())).append(System.lineSeparator());
    }

    /** Everything about a job; its one line with the word status is {@code status: <STATUS>}. */
    public static List<String> jobDetails(Job job) {
        List<String> lines = new ArrayList<>();
        lines.add("job: " + job.id());
        lines.add("status: " + job.status().name());
        lines.add("intent: " + shortId(job.intentId()) + "  " + guarded(job.intentText()));
        lines.add("package: " + guarded(job.packageRef()) + " (confidence " + TextFormat.confidence(job.confidence()) + ")");
        lines.add("created: " + TextFormat.time(job.createdAt()));
        if (!job.createdBy().isEmpty()) {
            lines.add("created_by: " + job.createdBy());
        }
        lines.add("updated: " + TextFormat.time(job.updatedAt()));
        lines.add("inputs:");
        job.inputs().forEach((name, value) -> lines.add("  " + guarded(name) + ": " + guarded(value)));
        lines.add("plan: " + (job.planId().isEmpty() ? "none yet"
                : job.planId() + " (hash " + job.planHash() + ")"));
        lines.add("approval log:" + (job.approvalLog().isEmpty() ? " empty" : ""));
        for (Approval approval : job.approvalLog()) {
            lines.add("  " + guarded(approvalLine(approval)));
        }
        lines.add("last run: " + TextFormat.orDash(job.lastRunId()));
        return lines;
    }

    /** {@code <at>  approved by alice  plan p_..  "note"}. */
    public static String approvalLine(Approval approval) {
        String line = TextFormat.time(approval.at()) + "  " + approval.action().word() + " by " + approval.by()
                + "  plan " + approval.planId()
                + approval.expiresAt().map(at -> (approval.expiredAt(java.time.Instant.now()) ? "  EXPIRED " : "  expires ")
                        + TextFormat.time(at)).orElse("");
        return approval.note().isEmpty() ? line : line + "  \"" + oneLine(approval.note()) + "\"";
    }

    /** {@code <plan id>  <created>  <package@version>  <hash>} and a mark on the job's current plan. */
    public static String planLine(Plan plan, String currentPlanId) {
        String line = plan.id() + "  " + TextFormat.time(plan.createdAt()) + "  " + plan.packageRef() + "  "
                + shortId(plan.hash());
        return plan.id().equals(currentPlanId) ? line + "  current" : line;
    }

    /** Everything about a plan: its package, hashes and bound steps. */
    public static List<String> planDetails(Plan plan) {
        List<String> lines = new ArrayList<>();
        lines.add("plan: " + plan.id());
        lines.add("job: " + plan.jobId());
        lines.add("package: " + plan.packageRef() + " (confidence " + TextFormat.confidence(plan.confidence()) + ")");
        lines.add("created: " + TextFormat.time(plan.createdAt()));
        lines.add("hash: " + plan.hash());
        lines.add("spec hash: " + plan.specHash());
        lines.add("package hash: " + plan.packageHash());
        lines.add("approval: " + (plan.approvalRequired() ? "required" : "not required"));
        lines.add("failure handling: " + plan.maxRetries() + " retries per step, "
                + plan.timeoutSeconds() + " s per attempt");
        lines.add("inputs:");
        plan.inputs().forEach((name, value) -> lines.add("  " + name + ": " + oneLine(value)));
        lines.add("steps:");
        int number = 1;
        for (Step step : plan.steps()) {
            lines.add("  " + number++ + ". " + stepTitle(step));
            step.inputs().forEach((name, value) -> lines.add("       " + name + ": " + oneLine(value)));
            step.params().forEach((name, value) -> lines.add("       " + name + ": " + oneLine(value)));
        }
        lines.add("outputs:");
        plan.outputs().forEach((name, value) -> lines.add("  " + name + ": " + value));
        return lines;
    }

    /** {@code normalize (audio.normalize@1.0.0)}. */
    public static String stepTitle(Step step) {
        return step.id() + " (" + step.worker() + (step.workerVersion().isEmpty() ? "" : "@" + step.workerVersion())
                + ")";
    }

    /** One line summing up a run: {@code run r_..  COMPLETED in 1.84 s}. */
    public static String runSummary(Run run) {
        String line = "run " + run.id() + "  " + run.status().name();
        if (run.ended().isPresent()) {
            line += " in " + TextFormat.seconds(run.startedAt(), run.endedAt()) + " s";
        }
        return run.error().isEmpty() ? line : line + ": " + oneLine(run.error());
    }

    /**
     * A status report: the job, its status, its latest run and the state of each step. Only the
     * {@code status:} line contains the word status.
     */
    public static List<String> statusDetails(StatusReport report) {
        Job job = report.job();
        List<String> lines = new ArrayList<>();
        lines.add("job: " + job.id());
        lines.add("status: " + job.status().name());
        if (report.lastRun().isEmpty()) {
            lines.add("run: none yet");
        } else {
            Run run = report.lastRun().get();
            lines.add("run: " + run.id() + "  started " + TextFormat.time(run.startedAt())
                    + (run.endedAt() == null ? "  still going"
                    : "  ended " + TextFormat.time(run.endedAt())
                    + "  took " + TextFormat.seconds(run.startedAt(), run.endedAt()) + " s"));
            lines.add("steps:");
            for (StepState step : report.steps()) {
                lines.add("  " + guarded(step.stepId()) + "  " + step.state() + "  " + step.attempts() + "  "
                        + TextFormat.seconds(step.duration()));
            }
            if (!run.error().isEmpty()) {
                lines.add("error: " + guarded(run.error()));
            }
        }
        if (report.interrupted()) {
            lines.add("interrupted: no runner is alive for this job any more; resume it with "
                    + "'bit run --job-id " + job.id() + "'");
        }
        return lines;
    }

    /** {@code <timestamp>  <type>  <step_id or ->  <key=value ...>}. */
    public static String eventLine(Event event) {
        Map<String, Object> rest = event.payload().entrySet().stream()
                .filter(entry -> !entry.getKey().equals("step_id"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                        java.util.LinkedHashMap::new));
        String line = event.timestamp() + "  " + event.type() + "  " + TextFormat.orDash(event.stepId());
        String pairs = TextFormat.pairs(rest);
        return pairs.isEmpty() ? line : line + "  " + pairs;
    }

    /** Free text for job details and status reports: one line, no lower-case "status". */
    static String guarded(String text) {
        return oneLine(text).replace("status", "Status");
    }

    /** The first 12 characters of a hash or id, as listings show it. */
    public static String shortId(String id) {
        return id.length() <= 12 ? id : id.substring(0, 12);
    }

    /** Text on one line: a line break in a value must not split a listing line in two. */
    public static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        // Most texts have no line break: a scan is much cheaper than a regular expression per line of a long list.
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= '\n' && c <= '\r') || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return LINE_BREAK.matcher(text).replaceAll(" ");
            }
        }
        return text;
    }
}
