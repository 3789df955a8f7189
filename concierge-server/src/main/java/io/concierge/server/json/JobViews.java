package io.concierge.server.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.approval.Approval;
import io.concierge.api.job.Job;
import io.concierge.api.plan.Plan;
import io.concierge.api.plan.Step;
import io.concierge.api.workspace.Finding;
import io.concierge.api.workspace.ValidationReport;
import java.util.List;

/** JSON views of jobs, their plans, approvals and validation reports. */
public final class JobViews {
    private final Json json;

    /**
     * Creates the views.
     *
     * @param json the codec
     */
    public JobViews(Json json) {
        this.json = json;
    }

    /**
     * A job, as stored in its {@code job.yaml}.
     *
     * @param job the job
     * @return its view
     */
    public ObjectNode job(Job job) {
        ObjectNode node = json.object()
                .put("id", job.id())
                .put("intent_id", job.intentId())
                .put("intent_text", job.intentText())
                .put("package_id", job.packageId())
                .put("package_version", job.packageVersion())
                .put("package_ref", job.packageRef())
                .put("confidence", job.confidence())
                .put("status", job.status().name());
        node.set("inputs", json.strings(job.inputs()));
        node.put("created_at", Json.time(job.createdAt()))
                .put("updated_at", Json.time(job.updatedAt()))
                .put("spec_hash", job.specHash())
                .put("plan_id", job.planId())
                .put("plan_hash", job.planHash())
                .put("last_run_id", job.lastRunId());
        ArrayNode log = node.putArray("approval_log");
        job.approvalLog().forEach(a -> log.add(approval(a)));
        node.put("version", job.version());
        return node;
    }

    /**
     * Jobs, in the order given.
     *
     * @param jobs the jobs
     * @return the array
     */
    public ArrayNode jobs(List<Job> jobs) {
        ArrayNode array = json.array();
        jobs.forEach(j -> array.add(job(j)));
        return array;
    }

    /**
     * One approval-log entry.
     *
     * @param approval the entry
     * @return its view
     */
    public ObjectNode approval(Approval approval) {
        return json.object()
                .put("action", approval.action().word())
                .put("by", approval.by())
                .put("at", Json.time(approval.at()))
                .put("plan_id", approval.planId())
                .put("plan_hash", approval.planHash())
                .put("note", approval.note())
                .put("prev_hash", approval.prevHash());
    }

    /**
     * A plan.
     *
     * @param plan the plan
     * @return its view
     */
    public ObjectNode plan(Plan plan) {
        ObjectNode node = json.object()
                .put("id", plan.id())
                .put("job_id", plan.jobId())
                .put("package_id", plan.packageId())
                .put("package_version", plan.packageVersion())
                .put("package_ref", plan.packageRef())
                .put("package_hash", plan.packageHash())
                .put("spec_hash", plan.specHash())
                .put("confidence", plan.confidence())
                .put("created_at", Json.time(plan.createdAt()));
        node.set("inputs", json.strings(plan.inputs()));
        ArrayNode steps = node.putArray("steps");
        plan.steps().forEach(s -> steps.add(step(s)));
        node.set("outputs", json.strings(plan.outputs()));
        node.put("approval_required", plan.approvalRequired())
                .put("max_retries", plan.maxRetries())
                .put("timeout_seconds", plan.timeoutSeconds())
                .put("hash", plan.hash());
        return node;
    }

    /**
     * Plans, in the order given.
     *
     * @param plans the plans
     * @return the array
     */
    public ArrayNode plans(List<Plan> plans) {
        ArrayNode array = json.array();
        plans.forEach(p -> array.add(plan(p)));
        return array;
    }

    /**
     * A pipeline step.
     *
     * @param step the step
     * @return its view
     */
    public ObjectNode step(Step step) {
        ObjectNode node = json.object()
                .put("id", step.id())
                .put("worker", step.worker())
                .put("worker_version", step.workerVersion());
        node.set("inputs", json.strings(step.inputs()));
        node.set("params", json.strings(step.params()));
        return node;
    }

    /**
     * A validation report.
     *
     * @param report the report
     * @return its view
     */
    public ObjectNode validation(ValidationReport report) {
        ObjectNode node = json.object()
                .put("subject", report.subject())
                .put("valid", report.isValid());
        node.set("checked", json.strings(report.checked()));
        ArrayNode findings = node.putArray("findings");
        for (Finding f : report.findings()) {
            findings.addObject().put("subject", f.subject()).put("message", f.message());
        }
        return node;
    }
}
