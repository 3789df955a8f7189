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
import io.concierge.api.plan.Plan;
import io.concierge.core.job.JobFiles;
import io.concierge.core.plan.PlanFiles;
import io.concierge.core.run.EventLog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Approvals and denials, bound to one plan by its hash, appended to {@code approval_log} and to
 * the event log; and the checks that an approval still covers exactly what will run.
 */
public final class Approvals {
    private final JobFiles jobs;
    private final PlanFiles plans;
    private final EventLog events;
    private final Clock clock;

    /** Creates the approval service. */
    public Approvals(JobFiles jobs, PlanFiles plans, EventLog events, Clock clock) {
        this.jobs = jobs;
        this.plans = plans;
        this.events = events;
        this.clock = clock;
    }

    /** Approves the job's current plan. */
    public Job approve(String jobId, String approver, String note) {
        String by = checkApprover(approver);
        String text = checkNote(note, "note");
        Instant now = clock.instant();
        Job approved = jobs.update(jobId, job -> {
            if (job.status() != JobStatus.PLANNED) {
                throw new InvalidTransitionException(job.status(), JobStatus.APPROVED, switch (job.status()) {
                    case DRAFT -> "job " + jobId + " is DRAFT: there is no plan to approve; make one with: bit plan generate --job-id " + jobId;
                    case APPROVED -> "job " + jobId + " is already APPROVED; run it with: bit run --job-id " + jobId;
                    default -> "job " + jobId + " is " + job.status() + ": only a PLANNED job can be approved; re-plan it with: bit plan generate --job-id " + jobId;
                });
            }
            Plan plan = plans.read(jobId, job.planId());
            checkIntegrity(job, plan);
            return job.toBuilder().status(JobStatus.APPROVED).updatedAt(now)
                    .addApproval(jobs.link(job, new Approval(ApprovalAction.APPROVED, by, now, plan.id(), plan.hash(), text))).build();
        });
        record(approved, EventTypes.APPROVAL_GRANTED);
        return approved;
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
            return job.toBuilder().status(JobStatus.PLANNED).updatedAt(now)
                    .addApproval(jobs.link(job, new Approval(ApprovalAction.DENIED, by, now, job.planId(), job.planHash(), text))).build();
        });
        record(denied, EventTypes.APPROVAL_DENIED);
        return denied;
    }

    private void record(Job job, String type) {
        Approval a = job.lastDecision().orElseThrow();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("by", a.by());
        payload.put("plan_id", a.planId());
        payload.put("plan_hash", a.planHash());
        payload.put("note", a.note());
        events.append(new Event(a.at(), type, job.id(), "", payload));
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

    /** Checks that the latest decision approves exactly the job's current plan. */
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
