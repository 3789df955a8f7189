package io.concierge.core.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import io.concierge.api.approval.Approval;
import io.concierge.api.approval.ApprovalAction;
import io.concierge.api.event.EventTypes;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.failure.WorkspaceIoException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.workspace.Finding;
import io.concierge.api.workspace.ValidationReport;
import io.concierge.core.approval.Approvals;
import io.concierge.core.event.EventLog;
import io.concierge.core.job.JobFiles;
import io.concierge.core.plan.PlanFiles;
import io.concierge.core.run.Runner;
import io.concierge.core.trust.RunSeals;
import io.concierge.core.workspace.FileWorkspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Re-checks a job against what was recorded: job.yaml parses, its spec and its plan still hash
 * to what planning recorded, the approval covers the current plan, and every event log line is
 * well formed. Each problem is its own {@link Finding}.
 */
public final class JobValidator {
    private final FileWorkspace workspace;
    private final JobFiles jobs;
    private final PlanFiles plans;
    private final Approvals approvals;
    private final EventLog events;
    private final RunSeals seals;

    /** Creates the validator. */
    public JobValidator(FileWorkspace workspace, JobFiles jobs, PlanFiles plans, Approvals approvals, EventLog events,
                        RunSeals seals) {
        this.seals = seals;
        this.workspace = workspace;
        this.jobs = jobs;
        this.plans = plans;
        this.approvals = approvals;
        this.events = events;
    }

    /** Validates the job with this exact id. */
    public ValidationReport validate(String jobId) {
        List<String> checked = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        checked.add("job.yaml is well formed");
        Job job;
        try {
            job = jobs.read(jobId);
        } catch (ConciergeException e) {
            findings.add(new Finding("job.yaml", e.getMessage()));
            return new ValidationReport(jobId, checked, findings);
        }
        if (!job.planId().isEmpty()) {
            checked.add("plan file hash");
            checked.add("job spec hash");
            try {
                JsonNode tree = plans.readTree(jobId, job.planId());
                String recomputed = plans.recomputeHash(tree);
                if (!recomputed.equals(tree.path("hash").asText())) {
                    findings.add(new Finding("plans/" + job.planId() + ".yaml", "content does not match its hash (edited after planning)"));
                } else if (!recomputed.equals(job.planHash())) {
                    findings.add(new Finding("job.yaml:hashes.plan", "does not match plan " + job.planId()));
                }
                for (String change : approvals.changes(job)) {
                    if (!change.startsWith("plan file")) {
                        findings.add(new Finding("job.yaml:" + change, "changed after planning"));
                    }
                }
            } catch (ConciergeException e) {
                findings.add(new Finding("plans/" + job.planId() + ".yaml", e.getMessage()));
            }
        } else if (job.status() != JobStatus.DRAFT) {
            findings.add(new Finding("job.yaml:plan_id", "is empty but the job is " + job.status()));
        }
        checked.add("approval log hash chain");
        for (int position : jobs.brokenLinks(job)) {
            findings.add(new Finding("job.yaml:approval_log[" + position + "]",
                    "does not follow the entry before it (an entry was edited, removed, added or moved)"));
        }
        checked.add("every decision is signed by a trusted key");
        for (int i = 0; i < job.approvalLog().size(); i++) {
            String problem = approvals.signatureProblem(job, job.approvalLog().get(i));
            if (problem != null) {
                findings.add(new Finding("job.yaml:approval_log[" + i + "]", "the decision by " + job.approvalLog().get(i).by()
                        + " " + problem));
            }
        }
        checked.add("approval log matches the approval events");
        List<io.concierge.api.event.Event> decisions = events.read(jobId, io.concierge.core.event.EventLog.APPROVALS).stream()
                .filter(e -> e.type().equals(EventTypes.APPROVAL_GRANTED) || e.type().equals(EventTypes.APPROVAL_DENIED)).toList();
        List<Approval> entries = job.approvalLog();
        for (int i = 0; i < Math.max(entries.size(), decisions.size()); i++) {
            if (i >= entries.size()) {
                findings.add(new Finding("job.yaml:approval_log", "lacks the decision of " + decisions.get(i).timestamp()
                        + " recorded in logs/approvals.jsonl"));
            } else if (i >= decisions.size() || !sameDecision(entries.get(i), decisions.get(i))
                    || !decisions.get(i).jobId().equals(jobId)) {
                findings.add(new Finding("job.yaml:approval_log[" + i + "]", "differs from the decision recorded in logs/approvals.jsonl"));
            }
        }
        if (job.status() == JobStatus.APPROVED || job.status() == JobStatus.RUNNING || job.status().isFinished()) {
            checked.add("approval covers the current plan");
            Approval last = job.lastDecision().orElse(null);
            if (last == null || last.action() != ApprovalAction.APPROVED) {
                findings.add(new Finding("job.yaml:approval_log", "the job is " + job.status() + " but its last decision is not an approval"));
            } else if (!last.planHash().equals(job.planHash())) {
                findings.add(new Finding("job.yaml:approval_log", "the approval covers plan hash " + abbreviate(last.planHash())
                        + ", not the current " + abbreviate(job.planHash())));
            }
        }
        checked.add("artifacts match manifest.json");
        findings.addAll(new io.concierge.core.run.ArtifactManifest(workspace).check(jobId));
        checked.add("event logs are well formed and their hash chains unbroken");
        for (String log : events.logNames(jobId)) {
            for (String problem : events.chainProblems(jobId, log)) {
                findings.add(new Finding("logs/" + log, problem));
            }
        }
        checked.add("every ended run is sealed by the runner, and its log and manifest are as sealed");
        List<String> runIds = events.runIds(jobId);
        boolean running = workspace.isLocked(Runner.runLockName(jobId));
        findings.addAll(seals.check(jobId, runIds, running, job.approvalLog().stream().map(jobs::entryHash).toList()));
        checked.add("plans are the ones approved");
        planProblems(job, findings);
        checked.add("status agrees with the verified records");
        String status = statusProblem(job, runIds, running);
        if (status != null) {
            findings.add(new Finding("job.yaml:status", status));
        }
        return new ValidationReport(jobId, checked, findings);
    }

    /**
     * Why the status {@code job.yaml} shows is not what the verified records support, or null.
     * The verified status: DRAFT without a plan; RUNNING while a runner holds the job; the status
     * of the newest run's seal when that run ran the current plan; APPROVED when the current plan
     * has its quorum of valid approvals now; PLANNED otherwise.
     */
    private String statusProblem(Job job, List<String> runIds, boolean running) {
        return verdict(job, runIds, running).problem();
    }

    /** The verified status and, when the recorded one disagrees, why (else a null problem). */
    private record Verdict(JobStatus verified, String problem) {
    }

    private Verdict verdict(Job job, List<String> runIds, boolean running) {
        JobStatus status = job.status();
        String newest = runIds.isEmpty() ? "" : runIds.get(runIds.size() - 1);
        if (!job.lastRunId().isEmpty() && !job.lastRunId().equals(newest)) {
            return new Verdict(status, "last_run_id is " + job.lastRunId() + " but " + (newest.isEmpty() ? "the job has no run log"
                    : "the newest run is " + newest));
        }
        if (job.lastRunId().isEmpty() && !newest.isEmpty()) {
            return new Verdict(status, "last_run_id is empty but run " + newest + " exists");
        }
        JobStatus verified;
        String why;
        if (job.planId().isEmpty()) {
            verified = JobStatus.DRAFT;
            why = "the job has no plan";
        } else if (running) {
            verified = JobStatus.RUNNING;
            why = "a runner holds the job";
        } else {
            var seal = newest.isEmpty() ? java.util.Optional.<RunSeals.Seal>empty() : seals.verified(job.id(), newest);
            if (seal.isPresent() && seal.get().planHash().equals(job.planHash())) {
                verified = seal.get().status();
                why = "run " + newest + " was sealed " + verified;
            } else {
                int have;
                int required = approvals.requiredApprovals(job);
                try {
                    have = approvals.approversNow(job, plans.read(job.id(), job.planId())).size();
                } catch (ConciergeException e) {
                    return new Verdict(status, "cannot be checked: " + e.getMessage());
                }
                verified = have >= required ? JobStatus.APPROVED : JobStatus.PLANNED;
                why = "plan " + job.planId() + " has " + have + " of the " + required
                        + " valid approvals it needs now (unsigned, forged, expired or self-approved ones do not count)"
                        + (newest.isEmpty() ? ", and no run" : ", and run " + newest + " has no valid seal for this plan");
            }
        }
        if (status == verified) {
            return new Verdict(verified, null);
        }
        if (status == JobStatus.FAILED && job.lastRunId().isEmpty() && verified == JobStatus.APPROVED
                && events.read(job.id(), EventLog.APPROVALS).stream()
                .anyMatch(e -> e.type().equals(EventTypes.JOB_FAILED))) {
            return new Verdict(status, null); // a job marked RUNNING by hand and then recovered: its failure is in logs/approvals.jsonl
        }
        return new Verdict(verified, "says " + status + " but the verified records say " + verified + " (" + why + ")");
    }

    /**
     * The status the verified records support (see {@link #statusProblem}); the recorded one when
     * they cannot be read or agree with it.
     */
    public JobStatus verifiedStatus(Job job) {
        try {
            List<String> runIds = events.runIds(job.id());
            boolean running = workspace.isLocked(Runner.runLockName(job.id()));
            Verdict verdict = verdict(job, runIds, running);
            return verdict.problem() == null ? job.status() : verdict.verified();
        } catch (ConciergeException e) {
            return job.status();
        }
    }

    /** Plans changed after a decision was signed for them, and plans that skip an approval their package requires. */
    private void planProblems(Job job, List<Finding> findings) {
        if (job.planId().isEmpty()) {
            return;
        }
        for (Approval a : job.approvalLog()) {
            if (a.planId().equals(job.planId()) && !a.planHash().equals(job.planHash()) && !a.signature().isEmpty()
                    && approvals.signatureProblem(job, a) == null) {
                findings.add(new Finding("plans/" + job.planId() + ".yaml", "changed after " + a.by() + " signed it (hash "
                        + abbreviate(a.planHash()) + ", now " + abbreviate(job.planHash()) + ")"));
                break;
            }
        }
        try {
            io.concierge.api.plan.Plan plan = plans.read(job.id(), job.planId());
            if (!plan.approvalRequired() && approvals.packageRequiresApproval(job)) {
                findings.add(new Finding("plans/" + job.planId() + ".yaml", "says no approval is needed, but package "
                        + job.packageRef() + " requires it"));
            }
        } catch (ConciergeException e) {
            // reported with the plan file above
        }
    }

    /** Whether a decision event says exactly what the approval-log entry says (every field the entry has). */
    private static boolean sameDecision(Approval a, io.concierge.api.event.Event e) {
        String type = a.action() == ApprovalAction.APPROVED ? EventTypes.APPROVAL_GRANTED : EventTypes.APPROVAL_DENIED;
        Object status = e.payload().get("status");
        boolean statusFits = a.action() == ApprovalAction.DENIED ? "PLANNED".equals(status)
                : "PLANNED".equals(status) || "APPROVED".equals(status);
        boolean signed = !a.signature().isEmpty();
        return e.type().equals(type) && e.timestamp().equals(a.at()) && statusFits && e.runId().isEmpty()
                && a.by().equals(String.valueOf(e.payload().get("by")))
                && a.planId().equals(String.valueOf(e.payload().get("plan_id")))
                && a.planHash().equals(String.valueOf(e.payload().get("plan_hash")))
                && a.note().equals(String.valueOf(e.payload().get("note")))
                && a.signature().equals(String.valueOf(e.payload().getOrDefault("signature", "")))
                && (!signed || a.specHash().equals(String.valueOf(e.payload().get("spec_hash")))
                && a.packageHash().equals(String.valueOf(e.payload().get("package_hash")))
                && a.prevHash().equals(String.valueOf(e.payload().get("prev_hash")))
                && a.expiresAt().map(Object::toString).orElse("").equals(String.valueOf(e.payload().get("expires_at"))));
    }

    private static String abbreviate(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }
}
