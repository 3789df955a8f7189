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
import io.concierge.core.trust.ApprovalSignatures;
import io.concierge.core.trust.Identities;
import io.concierge.core.workspace.Config;
import io.concierge.api.trust.KeyRing;
import io.concierge.api.trust.TrustedKey;
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
 *
 * <p>Longer than a screen on purpose: granting, denying and counting the quorum must apply the
 * very same checks (signature, plan and spec hashes, expiry, identity, self-approval), and
 * they read best side by side. The cryptography lives in {@code core/trust}.
 */
public final class Approvals {
    /** Who approves when the policy does. */
    public static final String POLICY = ApprovalSignatures.POLICY;

    private final JobFiles jobs;
    private final PlanFiles plans;
    private final EventLog events;
    private final Clock clock;
    private final Supplier<Config> config;
    private final PackageRegistry packages;
    private final ApprovalSignatures signatures;

    /** Creates the approval service; decisions are signed with and verified against {@code signatures}' key ring. */
    public Approvals(JobFiles jobs, PlanFiles plans, EventLog events, Clock clock, Supplier<Config> config,
                     PackageRegistry packages, ApprovalSignatures signatures) {
        this.signatures = signatures;
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
            if (isSelfApproval(job, by)) {
                throw new InvalidInputException(by + " created job " + jobId + " and may not approve it"
                        + " (approval.allow_self_approval is false); ask someone else: bit approve " + jobId + " --by NAME");
            }
            List<String> already = approvers(job, plan, now);
            int required = requiredApprovals(job);
            if (already.contains(by)) {
                throw new InvalidInputException(by + " already approved plan " + plan.id() + " of job " + jobId + "; it needs "
                        + (required - already.size()) + " more approval(s) from other people");
            }
            ensureKey(by);
            boolean enough = already.size() + 1 >= required;
            return JobTransition.move(job, enough ? JobStatus.APPROVED : JobStatus.PLANNED).updatedAt(now)
                    .addApproval(signed(job, decision(ApprovalAction.APPROVED, by, now, plan, text))).build();
        });
        record(approved, EventTypes.APPROVAL_GRANTED);
        return approved;
    }

    /** An unsigned, unlinked decision on {@code plan} carrying what the signature covers. */
    private Approval decision(ApprovalAction action, String by, Instant now, Plan plan, String text) {
        double hours = config.get().number("approval.timeout_hours");
        Optional<Instant> expires = action == ApprovalAction.APPROVED && hours > 0
                ? Optional.of(now.plusSeconds((long) (hours * 3600))) : Optional.empty();
        return new Approval(action, by, now, plan.id(), plan.hash(), text, "", plan.specHash(), plan.packageHash(),
                expires, "");
    }

    /** The decision linked to the end of the job's log and signed (the link is part of what is signed). */
    private Approval signed(Job job, Approval decision) {
        return signatures.sign(job.id(), jobs.link(job, decision));
    }

    /**
     * Makes sure the key ring can sign as {@code name}: the first decision of a name that has
     * no key here creates one (and trusts it); a name whose public key is trusted here but whose
     * private key is elsewhere cannot be used.
     */
    private void ensureKey(String name) {
        KeyRing keys = signatures.keys();
        if (keys.canSign(name)) {
            return;
        }
        if (keys.trusted().stream().map(TrustedKey::name).anyMatch(name::equals)) {
            throw new InvalidInputException("the key of " + name + " is trusted in " + keys.location()
                    + " but its private key is not there; decide as " + name + " where that key is kept");
        }
        try {
            keys.generate(name);
        } catch (InvalidInputException e) {
            if (!keys.canSign(name)) { // another process made it first: use that one
                throw e;
            }
        }
    }

    /** Whether {@code by} created the job and the policy forbids them approving it. */
    private boolean isSelfApproval(Job job, String by) {
        return !job.createdBy().isEmpty() && job.createdBy().equals(by) && !config.get().flag("approval.allow_self_approval");
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
            ensureKey(KeyRing.RUNNER);
            return JobTransition.move(current, JobStatus.APPROVED).updatedAt(now)
                    .addApproval(signed(current, decision(ApprovalAction.APPROVED, POLICY, now, plan, note)))
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

    /** Whether the job's task package asks for approval (true when it cannot be read). */
    public boolean packageRequiresApproval(Job job) {
        try {
            return packages.get(job.packageRef()).approvalRequired();
        } catch (RuntimeException e) {
            return true;
        }
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
     * Who approved exactly this plan since it was last denied, counting only approvals that are
     * signed by a key trusted for their approver, signed for this plan, spec and package, not
     * expired and not by the job's creator (unless allowed); a policy approval stands for all
     * that are needed. Nothing counts while the log's chain is broken.
     */
    public List<String> approvers(Job job, Plan plan, Instant now) {
        List<String> approvers = new ArrayList<>();
        if (!jobs.brokenLinks(job).isEmpty()) {
            return approvers;
        }
        List<Approval> log = job.approvalLog();
        for (int i = log.size() - 1; i >= 0; i--) {
            Approval a = log.get(i);
            if (a.action() != ApprovalAction.APPROVED || !a.planHash().equals(plan.hash())) {
                break;
            }
            if (problem(job, plan, a, now) == null) {
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

    /** {@link #approvers(Job, Plan, Instant)} at this moment. */
    public List<String> approversNow(Job job, Plan plan) {
        return approvers(job, plan, clock.instant());
    }

    /**
     * Why approval {@code a} does not count towards running {@code plan} now, or null when it
     * does: in words fit to follow "the approval by NAME".
     */
    public String problem(Job job, Plan plan, Approval a, Instant now) {
        String signature = signatureProblem(job, a);
        if (signature != null) {
            return signature;
        }
        if (!a.planHash().equals(plan.hash()) || !a.planId().equals(plan.id())) {
            return "covers plan " + a.planId() + ", not the current plan " + plan.id();
        }
        if (!a.specHash().equals(plan.specHash()) || !a.packageHash().equals(plan.packageHash())) {
            return "was signed for another job spec or package than the plan's";
        }
        if (expired(a, now)) {
            return "expired at " + expiry(a);
        }
        if (!a.by().equals(POLICY) && isSelfApproval(job, a.by())) {
            return "is by the job's creator (approval.allow_self_approval is false)";
        }
        return null;
    }

    /** Why the signature of decision {@code a} does not hold, or null when it verifies under a trusted key. */
    public String signatureProblem(Job job, Approval a) {
        if (a.signature().isEmpty()) {
            return "is not signed (made before approvals were signed, or written by hand)";
        }
        if (!signatures.verify(job.id(), a)) {
            String signer = ApprovalSignatures.signer(a);
            boolean trusted = signatures.keys().trusted().stream().map(TrustedKey::name).anyMatch(signer::equals);
            return trusted ? "has a signature that does not match it (it was forged or edited after signing)"
                    : "is signed by a key this machine does not trust (none is pinned for " + signer + " in "
                    + signatures.keys().location() + "; trust it with: bit key trust)";
        }
        return null;
    }

    /** Whether {@code a} has expired at {@code now}: by its signed expiry, or by the timeout configured now. */
    public boolean expired(Approval a, Instant now) {
        double hours = config.get().number("approval.timeout_hours");
        return a.expiredAt(now) || (hours > 0 && a.at().plusSeconds((long) (hours * 3600)).isBefore(now));
    }

    private Instant expiry(Approval a) {
        double hours = config.get().number("approval.timeout_hours");
        Instant byConfig = hours > 0 ? a.at().plusSeconds((long) (hours * 3600)) : Instant.MAX;
        Instant signed = a.expiresAt().orElse(Instant.MAX);
        return byConfig.isBefore(signed) ? byConfig : signed;
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
            Plan plan = plans.read(jobId, job.planId());
            ensureKey(by);
            return JobTransition.move(job, JobStatus.PLANNED).updatedAt(now)
                    .addApproval(signed(job, decision(ApprovalAction.DENIED, by, now, plan, text))).build();
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
        payload.put("spec_hash", a.specHash());
        payload.put("package_hash", a.packageHash());
        payload.put("expires_at", a.expiresAt().map(Object::toString).orElse(""));
        payload.put("prev_hash", a.prevHash());
        payload.put("signature", a.signature());
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
     * Checks that the job's current plan has enough distinct, verified, unexpired approvals of
     * exactly this plan; fails saying what is missing, naming each approval that does not count
     * and why. Nothing here trusts the job's status field.
     */
    public void requireValidApproval(Job job, Plan plan) {
        List<Integer> broken = jobs.brokenLinks(job);
        if (!broken.isEmpty()) {
            throw new IntegrityViolationException("the approval log of job " + job.id() + " is broken at entry " + broken.get(0)
                    + " (an entry was edited, removed, added or moved); see: bit job validate " + job.id());
        }
        boolean signedSeen = false;
        for (int i = 0; i < job.approvalLog().size(); i++) {
            Approval a = job.approvalLog().get(i);
            // Entries from before signing may precede signed ones; anything after must verify, or the log was tampered with.
            String problem = a.signature().isEmpty() && !signedSeen ? null : signatureProblem(job, a);
            signedSeen |= !a.signature().isEmpty();
            if (problem != null) {
                throw new IntegrityViolationException("the decision by " + a.by() + " (approval_log[" + i + "]) of job " + job.id()
                        + " " + problem + "; nothing runs until every decision verifies: see bit job validate " + job.id());
            }
        }
        Instant now = clock.instant();
        int required = requiredApprovals(job);
        int have = approvers(job, plan, now).size();
        if (have >= required) {
            return;
        }
        List<String> reasons = new ArrayList<>();
        boolean forged = false;
        List<Approval> log = job.approvalLog();
        for (int i = log.size() - 1; i >= 0; i--) {
            Approval a = log.get(i);
            if (a.action() != ApprovalAction.APPROVED) {
                break;
            }
            String problem = problem(job, plan, a, now);
            if (problem != null) {
                reasons.add("the approval by " + a.by() + " " + problem);
                forged |= problem.contains("signature") || problem.contains("signed for another") || problem.startsWith("covers plan");
            }
            if (!a.planHash().equals(plan.hash())) {
                break;
            }
        }
        String why = reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")";
        String message = "job " + job.id() + " has " + have + " of the " + required + " valid approvals of plan " + plan.id()
                + " it needs" + why + "; approve it with: bit approve " + job.id() + " --by NAME";
        if (forged) {
            throw new IntegrityViolationException(message);
        }
        throw new InvalidTransitionException(job.status(), JobStatus.RUNNING, message);
    }

    private static String checkApprover(String approver) {
        String by = Identities.normalize(approver);
        if (by.equals(KeyRing.RUNNER) || by.startsWith("policy:")) {
            throw new InvalidInputException("'" + by + "' is the name of the host key that seals runs; decide under your own name with --by NAME");
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
