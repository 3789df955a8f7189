package io.concierge.examples.embedding;

import io.concierge.api.Concierge;
import io.concierge.api.intent.Intent;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.plan.Plan;
import io.concierge.api.run.Artifact;
import io.concierge.api.run.Run;
import io.concierge.api.run.RunOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A host application that embeds Concierge: it opens a workspace, turns each sentence into an
 * intent, a job and a plan, lets its own {@link AllowListPolicy} approve or deny the plan, runs
 * the approved ones in this process and prints what came of them.
 *
 * <pre>{@code
 * HostApplication host = new HostApplication(workspace, inbox,
 *         new AllowListPolicy(Set.of("file.copy", "test.echo")), System.out);
 * host.submit(List.of("Copy report.csv", "Echo hello from the host"));
 * }</pre>
 *
 * <p>Run it with {@code mvn compile exec:java} (in a new temporary folder) or
 * {@code mvn compile exec:java -Dexec.args=/some/folder}.
 */
public final class HostApplication {
    /** Who the host records as the approver of the decisions its policy makes. */
    public static final String APPROVER = "host-policy";
    /**
     * Who the jobs are made for: the intake desk. A job's creator may not approve it (unless the
     * workspace allows self-approval), so the policy decides under a name of its own.
     */
    public static final String REQUESTER = "intake";

    private final Path workspace;
    private final Path inbox;
    private final AllowListPolicy policy;
    private final PrintStream out;

    /**
     * Creates the host.
     *
     * @param workspace where Concierge keeps its files (created when missing)
     * @param inbox     the folder file names in sentences are resolved against
     * @param policy    decides which plans run
     * @param out       where the host reports what happened
     */
    public HostApplication(Path workspace, Path inbox, AllowListPolicy policy, PrintStream out) {
        this.workspace = workspace;
        this.inbox = inbox;
        this.policy = policy;
        this.out = out;
    }

    /**
     * What became of one sentence.
     *
     * @param sentence   the sentence submitted
     * @param jobId      the job made from it
     * @param packageRef the task package it was matched to ({@code id@version})
     * @param status     the job's status at the end: COMPLETED or FAILED when it ran, PLANNED when denied
     * @param reason     the policy's reason, or the run's error when it failed
     * @param artifacts  the files the run produced
     */
    public record Outcome(String sentence, String jobId, String packageRef, JobStatus status, String reason,
                          List<Artifact> artifacts) {
    }

    /**
     * Takes each sentence through intent, job, plan, the policy's decision and, when approved, a run.
     *
     * @param sentences what to do, one sentence each
     * @return one outcome per sentence, in order
     */
    public List<Outcome> submit(List<String> sentences) {
        List<Outcome> outcomes = new ArrayList<>();
        try (Concierge concierge = Concierge.builder(workspace).workingDirectory(inbox).defaultApprover(REQUESTER).open()) {
            for (String sentence : sentences) {
                Intent intent = concierge.synthesize(sentence);
                Job job = concierge.createJob(intent.id());
                Plan plan = concierge.generatePlan(job.id());
                AllowListPolicy.Decision decision = policy.decide(plan);
                String reason = decision.reason();
                if (decision.approved()) {
                    concierge.approve(job.id(), APPROVER, reason);
                    Run run = concierge.run(job.id(), RunOptions.defaults());
                    if (!run.error().isEmpty()) {
                        reason = run.error();
                    }
                } else {
                    concierge.deny(job.id(), APPROVER, reason);
                }
                Outcome outcome = new Outcome(sentence, job.id(), plan.packageRef(), concierge.job(job.id()).status(),
                        reason, concierge.artifacts(job.id()));
                report(outcome);
                outcomes.add(outcome);
            }
        }
        return outcomes;
    }

    private void report(Outcome outcome) {
        out.printf("%s%n  job %s  package %s  status %s%n  %s%n", outcome.sentence(), outcome.jobId(),
                outcome.packageRef(), outcome.status(), outcome.reason());
        for (Artifact artifact : outcome.artifacts()) {
            out.printf("  artifact %s (%d bytes) %s%n", artifact.name(), artifact.size(), artifact.path());
        }
    }

    /**
     * Runs the example: a workspace and an inbox holding {@code report.csv} in the folder given
     * (or a new temporary one), then "Copy report.csv" and "Echo hello from the host".
     *
     * @param args optionally, the folder to work in
     * @throws IOException when the inbox cannot be written
     * @throws IllegalStateException when a job did not complete
     */
    public static void main(String[] args) throws IOException {
        Path home = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("concierge-host-");
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        Files.writeString(inbox.resolve("report.csv"), "region,total\nnorth,1200\nsouth,950\n");
        HostApplication host = new HostApplication(home.resolve("workspace"), inbox,
                new AllowListPolicy(Set.of("file.copy", "test.echo")), System.out);
        List<Outcome> outcomes = host.submit(List.of("Copy report.csv", "Echo hello from the host"));
        for (Outcome outcome : outcomes) {
            if (outcome.status() != JobStatus.COMPLETED) {
                throw new IllegalStateException("job " + outcome.jobId() + " for '" + outcome.sentence() + "' is "
                        + outcome.status() + ": " + outcome.reason());
            }
        }
        System.out.println("workspace: " + home.resolve("workspace"));
    }
}
