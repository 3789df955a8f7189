package io.concierge.examples.hosttests;

import io.concierge.api.Concierge;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.pkg.InputSpec;
import io.concierge.api.pkg.InputType;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.api.plan.Plan;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How this host approves jobs without a person: a plan is approved when
 * <ol>
 *   <li>its task package is on the allow-list,</li>
 *   <li>every file it reads lies inside the host's inbox folder, and</li>
 *   <li>it is office hours (08:00 to 18:00 UTC), when someone is around if it goes wrong;</li>
 * </ol>
 * otherwise it is denied with the first rule it breaks as the reason, and stays PLANNED for a
 * person to look at.
 *
 * <pre>{@code
 * ApprovalPolicy policy = new ApprovalPolicy("policy-bot", Set.of("audio.normalize"), inbox, Clock.systemUTC());
 * ApprovalPolicy.Decision decision = policy.review(concierge, jobId);
 * if (decision.approved()) {
 *     concierge.run(jobId, RunOptions.defaults());
 * }
 * }</pre>
 */
public final class ApprovalPolicy {
    private static final LocalTime OPENS = LocalTime.of(8, 0);
    private static final LocalTime CLOSES = LocalTime.of(18, 0);

    private final String approver;
    private final Set<String> allowedPackages;
    private final Path inbox;
    private final Clock clock;

    /**
     * Creates the policy.
     *
     * @param approver        the name its approvals and denials are recorded under
     * @param allowedPackages the ids of the task packages it may approve
     * @param inbox           the folder every file input must lie in (on the workspace's file system)
     * @param clock           tells the time of day
     */
    public ApprovalPolicy(String approver, Set<String> allowedPackages, Path inbox, Clock clock) {
        this.approver = Objects.requireNonNull(approver, "approver");
        this.allowedPackages = Set.copyOf(allowedPackages);
        this.inbox = inbox.toAbsolutePath().normalize();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What the policy decided about one job.
     *
     * @param jobId    the job
     * @param approved whether it was approved
     * @param reason   the note recorded with the approval or denial
     */
    public record Decision(String jobId, boolean approved, String reason) {
    }

    /**
     * Plans the job when it is still a draft, then approves or denies its plan.
     *
     * @param concierge where the job lives
     * @param jobId     the job's id or a unique prefix of it
     * @return the decision, as recorded in the job's approval log
     */
    public Decision review(Concierge concierge, String jobId) {
        Job job = concierge.job(jobId);
        Plan plan = job.status() == JobStatus.DRAFT ? concierge.generatePlan(job.id()) : concierge.plan(job.id(), null);
        Optional<String> refusal = refusal(plan, concierge.taskPackage(plan.packageRef()));
        if (refusal.isPresent()) {
            concierge.deny(job.id(), approver, refusal.get());
            return new Decision(job.id(), false, refusal.get());
        }
        String note = "package " + plan.packageId() + " is allow-listed and reads only from " + inbox;
        concierge.approve(job.id(), approver, note);
        return new Decision(job.id(), true, note);
    }

    private Optional<String> refusal(Plan plan, TaskPackage pkg) {
        if (!allowedPackages.contains(plan.packageId())) {
            return Optional.of("package " + plan.packageId() + " is not allow-listed " + new TreeSet<>(allowedPackages)
                    + "; a person must approve it");
        }
        for (InputSpec input : pkg.inputs()) {
            String value = plan.inputs().getOrDefault(input.name(), "");
            if (input.type() == InputType.FILE && !value.isEmpty()
                    && !inbox.getFileSystem().getPath(value).toAbsolutePath().normalize().startsWith(inbox)) {
                return Optional.of("input " + input.name() + " (" + value + ") is outside the inbox " + inbox);
            }
        }
        LocalTime now = LocalTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (now.isBefore(OPENS) || !now.isBefore(CLOSES)) {
            return Optional.of("it is " + now.withNano(0) + " UTC, outside office hours (" + OPENS + " to " + CLOSES
                    + " UTC); review it again then");
        }
        return Optional.empty();
    }
}
