package io.concierge.core.approval;

import com.fasterxml.jackson.databind.JsonNode;
import io.concierge.api.approval.Approval;
import io.concierge.api.approval.ApprovalAction;
import io.concierge.api.event.Event;
import io.concierge.api.event.EventTypes;
import io.concierge.api.failure.IntegrityViolationException;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.InvalidTransitionException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.api.plan.Plan;
import io.concierge.core.event.EventLog;
import io.concierge.core.job.JobFiles;
import io.concierge.core.job.JobTransition;
import io.concierge.core.pkg.PackageRegistry;
import io.concierge.core.plan.PlanFiles;
import io.concierge.core.workspace.Config;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Approvals and denials, bound to one plan by its hash, appended to {@code approval_log} and to
 * the event log; and the checks that an approval still covers exactly what will run.
 */
public final class Approvals {
    /** Who approves when the policy does. */
    public static final String POLICY = "policy:auto-approve";

    private final JobFiles jobs;
    private final PlanFiles plans;
    private final EventLog events;
    private final Clock clock;
    private final Supplier<Config> config;
    private final PackageRegistry packages;

    /** Creates the approval service. */
    public Approvals(JobFiles jobs, PlanFiles plans, EventLog events, Clock clock, Supplier<Config> config,
                     PackageRegistry packages) {
        this.jobs = jobs;
        this.plans = plans;
        this.events = events;
        this.clock = clock;
        this.config = config;
        this.packages = packages;
    }

    /**
     * Records {@code approver}'s approval of the job's current plan. The job becomes APPROVED
     * once the plan has as many distinct, unexpired approvals as its policy requires; until then
     * it stays PLANNED with the approval counted.
     */
    public Job approve(String jobId, String approver, String note) {
        String by = checkApprover(approver);
        String text = checkNote(note, "note");
        Instant now = clock.instant();
        Job approved = jobs.update(jobId, job -> {
            Plan plan = job.planId().isEmpty() ? null : plans.read(jobId, job.planId());
            boolean expiredApproval = job.status() == JobStatus.APPROVED && plan != null
                    && approvers(job, plan, now).size() < requiredApprovals(job);
            if (job.status() != JobStatus.PLANNED && !expiredApproval) {
                throw new InvalidTransitionException(job.status(), JobStatus.APPROVED, switch (job.status()) {
                    case DRAFT -> "job " + jobId + " is DRAFT: there is no plan to approve; make one with: bit plan generate --job-id " + jobId;
                    case APPROVED -> "job " + jobId + " is already APPROVED; run it with: bit run --job-id " + jobId;
                    default -> "job " + jobId + " is " + job.status() + ": only a PLANNED job can be approved; re-plan it with: bit plan generate --job-id " + jobId;
                });
            }
            checkIntegrity(job, plan);
            List<String> already = approvers(job, plan, now);
            int required = requiredApprovals(job);
            if (already.contains(by)) {
                throw new InvalidInputException(by + " already approved plan " + plan.id() + " of job " + jobId + "; it needs "
                        + (required - already.size()) + " more approval(s) from other people");
            }
            boolean enough = already.size() + 1 >= required;
            return JobTransition.move(job, enough ? JobStatus.APPROVED : JobStatus.PLANNED).updatedAt(now)
                    .addApproval(jobs.link(job, new Approval(ApprovalAction.APPROVED, by, now, plan.id(), plan.hash(), text))).build();
        });
        record(approved, EventTypes.APPROVAL_GRANTED);
        return approved;
    }

    /**
     * Approves a freshly planned job by policy when {@code concierge.json} says so: its package
     * id matches {@code approval.auto_approve}, or the package allows it and the match confidence
     * reaches {@code approval.auto_approve_min_confidence}. Returns the job as it is otherwise.
     */
    public Job autoApprove(Job job, TaskPackage pkg, Plan plan) {
        Config cfg = config.get();
        String reason = null;
        for (String pattern : cfg.list("approval.auto_approve")) {
            if (pattern.endsWith("*") ? pkg.id().startsWith(pattern.substring(0, pattern.length() - 1)) : pkg.id().equals(pattern)) {
                reason = "package " + pkg.id() + " matches '" + pattern + "' in approval.auto_approve";
                break;
            }
        }
        double minConfidence = cfg.number("approval.auto_approve_min_confidence");
        if (reason == null && pkg.autoApprove() && minConfidence > 0 && job.confidence() >= minConfidence) {
            reason = "match confidence " + job.confidence() + " reaches approval.auto_approve_min_confidence " + minConfidence;
        }
        if (reason == null) {
            return job;
        }
        Instant now = clock.instant();
        String note = "auto-approved: " + reason;
        Job approved = jobs.update(job.id(), current -> {
            if (current.status() != JobStatus.PLANNED || !current.planHash().equals(plan.hash())) {
                return current;
            }
            return JobTransition.move(current, JobStatus.APPROVED).updatedAt(now)
                    .addApproval(jobs.link(current, new Approval(ApprovalAction.APPROVED, POLICY, now, plan.id(), plan.hash(), note)))
                    .build();
        });
        if (approved.status() == JobStatus.APPROVED) {
            record(approved, EventTypes.APPROVAL_GRANTED);
        }
        return approved;
    }

    /**
     * What follows a new plan: approval by policy when {@code concierge.json} allows it (see
     * {@link #autoApprove}), else an {@code approval.requested} event when the plan needs approval.
     */
    public Job planned(Job job, TaskPackage pkg, Plan plan) {
        Job decided = autoApprove(job, pkg, plan);
        if (decided.status() == JobStatus.PLANNED && plan.approvalRequired()) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("plan_id", plan.id());
            payload.put("plan_hash", plan.hash());
            payload.put("required_approvals", requiredApprovals(decided));
            payload.put("status", JobStatus.PLANNED.name());
            events.appendApproval(new Event(clock.instant(), EventTypes.APPROVAL_REQUESTED, job.id(), "", payload));
        }
        return decided;
    }

    /** Distinct approvals the job's plan needs: the larger of the workspace's and the package's. */
    public int requiredApprovals(Job job) {
        int fromConfig = (int) config.get().number("approval.required_approvals");
        int fromPackage;
        try {
            fromPackage = packages.get(job.packageRef()).requiredApprovals();
        } catch (RuntimeException e) {
            fromPackage = 1;
        }
        return Math.max(fromConfig, fromPackage);
    }

    /**
     * Who approved exactly this plan since it was last denied, counting only approvals that have
     * not expired; a policy approval stands for all that are needed.
     */
    public List<String> approvers(Job job, Plan plan, Instant now) {
        double hours = config.get().number("approval.timeout_hours");
        List<String> approvers = new ArrayList<>();
        List<Approval> log = job.approvalLog();
        for (int i = log.size() - 1; i >= 0; i--) {
            Approval a = log.get(i);
            if (a.action() != ApprovalAction.APPROVED || !a.planHash().equals(plan.hash())) {
                break;
            }
            boolean expired = hours > 0 && a.at().plusSeconds((long) (hours * 3600)).isBefore(now);
            if (!expired) {
                if (a.by().equals(POLICY)) {
                    return java.util.Collections.nCopies(requiredApprovals(job), POLICY);
                }
                if (!approvers.contains(a.by())) {
                    approvers.add(a.by());
                }
            }
        }
        return approvers;
    }

    /** Denies the job's current plan: the job goes back to PLANNED. */
    public Job deny(String jobId, String approver, String reason) {
        String by = checkApprover(approver);
        String text = checkNote(reason, "reason");
        if (text.isBlank()) {
            throw new InvalidInputException("a denial needs a reason; say why with: bit deny --job-id " + jobId + " --reason \"...\"");
        }
        Instant now = clock.instant();
        Job denied = jobs.update(jobId, job -> {
            if (job.status() != JobStatus.PLANNED && job.status() != JobStatus.APPROVED) {
                throw new InvalidTransitionException(job.status(), JobStatus.PLANNED, "job " + jobId + " is " + job.status()
                        + ": only a PLANNED or APPROVED job can be denied");
            }
            return JobTransition.move(job, JobStatus.PLANNED).updatedAt(now)
                    .addApproval(jobs.link(job, new Approval(ApprovalAction.DENIED, by, now, job.planId(), job.planHash(), text))).build();
        });
        record(denied, EventTypes.APPROVAL_DENIED);
        return denied;
    }

    private void record(Job job, String type) {
        Approval a = job.lastDecision().orElseThrow();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("by", a.by());
        payload.put("status", job.status().name());
        payload.put("plan_id", a.planId());
        payload.put("plan_hash", a.planHash());
        payload.put("note", a.note());
        events.appendApproval(new Event(a.at(), type, job.id(), "", payload));
    }

    /**
     * Checks that neither the job spec nor the plan changed since planning; fails naming what
     * changed and how to recover.
     */
    public void checkIntegrity(Job job, Plan plan) {
        List<String> changes = changes(job);
        if (!changes.isEmpty()) {
            throw new IntegrityViolationException("job " + job.id() + " changed after it was planned ("
                    + String.join(", ", changes) + "); re-plan it with: bit plan generate --job-id " + job.id());
        }
        if (!plan.hash().equals(job.planHash())) {
            throw new IntegrityViolationException("plan " + plan.id() + " of job " + job.id()
                    + " is not the plan the job records; re-plan it with: bit plan generate --job-id " + job.id());
        }
    }

    /** What differs between the job's spec now and the spec its current plan was made from, by field. */
    public List<String> changes(Job job) {
        List<String> changes = new ArrayList<>();
        if (job.planId().isEmpty()) {
            return changes;
        }
        JsonNode planTree = plans.readTree(job.id(), job.planId());
        String recomputed = plans.recomputeHash(planTree);
        if (!recomputed.equals(planTree.path("hash").asText()) || !recomputed.equals(job.planHash())) {
            changes.add("plan file " + job.planId() + ".yaml");
        }
        if (plans.specHash(job).equals(job.specHash())) {
            return changes;
        }
        JsonNode then = plans.textual(planTree.path("spec"));
        JsonNode now = plans.textual(plans.spec(job));
        diff("", then, now, changes);
        if (changes.isEmpty()) {
            changes.add("job spec hash");
        }
        return changes;
    }

    private static void diff(String prefix, JsonNode then, JsonNode now, List<String> out) {
        if (then.isObject() && now.isObject()) {
            java.util.Set<String> keys = new java.util.TreeSet<>();
            then.fieldNames().forEachRemaining(keys::add);
            now.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                diff(prefix.isEmpty() ? key : prefix + "." + key, then.path(key), now.path(key), out);
            }
        } else if (!then.equals(now)) {
            out.add(prefix.isEmpty() ? "spec" : prefix);
        }
    }

    /**
     * Checks that the job's current plan has enough distinct, unexpired approvals of exactly
     * this plan; fails saying what is missing.
     */
    public void requireValidApproval(Job job, Plan plan) {
        Optional<Approval> last = job.lastDecision();
        if (last.isEmpty() || last.get().action() != ApprovalAction.APPROVED) {
            throw new InvalidTransitionException(job.status(), JobStatus.RUNNING, "job " + job.id()
                    + " has no approval of its current plan; approve it with: bit approve --job-id " + job.id());
        }
        if (!last.get().planHash().equals(plan.hash()) || !last.get().planId().equals(plan.id())) {
            throw new IntegrityViolationException("the approval of job " + job.id() + " covers plan " + last.get().planId()
                    + ", not the current plan " + plan.id() + "; approve it again with: bit approve --job-id " + job.id());
        }
        int required = requiredApprovals(job);
        int have = approvers(job, plan, clock.instant()).size();
        if (have < required) {
            double hours = config.get().number("approval.timeout_hours");
            throw new InvalidTransitionException(job.status(), JobStatus.RUNNING, "job " + job.id() + " has " + have + " of the "
                    + required + " approvals it needs" + (hours > 0 ? " (approvals expire after " + hours + " h, approval.timeout_hours)" : "")
                    + "; approve it with: bit approve --job-id " + job.id() + " --by NAME");
        }
    }

    private static String checkApprover(String approver) {
        String by = approver == null ? "" : approver.strip();
        if (by.isEmpty()) {
            throw new InvalidInputException("approver is empty; name one with --by NAME");
        }
        if (by.length() > 100 || by.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("approver name must be one line of at most 100 characters");
        }
        return by;
    }

    private static String checkNote(String note, String what) {
        String text = note == null ? "" : note.strip();
        if (text.length() > 2000) {
            throw new InvalidInputException(what + " is longer than 2000 characters");
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw new InvalidInputException(what + " contains control characters");
        }
        return text;
    }
}
