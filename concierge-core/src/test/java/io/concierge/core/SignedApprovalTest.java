package io.concierge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.Concierge;
import io.concierge.api.approval.Approval;
import io.concierge.api.approval.ApprovalAction;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.failure.IntegrityViolationException;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.InvalidTransitionException;
import io.concierge.api.job.Job;
import io.concierge.api.job.JobStatus;
import io.concierge.api.plan.Plan;
import io.concierge.api.run.RunOptions;
import io.concierge.api.trust.KeyRing;
import io.concierge.core.codec.Codecs;
import io.concierge.core.job.JobFiles;
import io.concierge.core.workspace.FileWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of issue 11 on approvals, made the way an attacker with write access to the
 * workspace but no approver's key would make them: each must keep {@code run} from starting.
 */
class SignedApprovalTest {
    @TempDir
    Path tmp;
    Path workspace;
    Path in;
    KeyRing keys;
    Concierge concierge;
    final MovableClock clock = new MovableClock();

    /** A clock a test moves forward by hand (expiry without waiting). */
    static final class MovableClock extends Clock {
        volatile Instant now = Instant.parse("2026-11-25T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            now = now.plusMillis(1);
            return now;
        }
    }

    @BeforeEach
    void open() throws Exception {
        workspace = tmp.resolve("ws");
        in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("notes.txt"), "hello\n");
        Concierge.builder(workspace).discoverWorkers(false).keyRing(KeyRing.folder(tmp.resolve("keys"))).open().close();
        TestPackages.writeUpperPackage(workspace);
        keys = KeyRing.folder(tmp.resolve("keys"));
        concierge = open(keys, "carol");
    }

    private Concierge open(KeyRing ring, String user) {
        return Concierge.builder(workspace).workingDirectory(in).discoverWorkers(false).worker(new UpperWorker())
                .clock(clock).defaultApprover(user).keyRing(ring).open();
    }

    @AfterEach
    void close() {
        concierge.close();
    }

    private Job planned() {
        Job job = concierge.createJob(concierge.synthesize("Uppercase notes.txt").id());
        concierge.generatePlan(job.id());
        return concierge.job(job.id());
    }

    /** Rewrites job.yaml as an attacker would: any content, the approval chain recomputed. */
    private void forge(String jobId, UnaryOperator<Job> edit) {
        JobFiles files = new JobFiles(FileWorkspace.open(workspace, new Codecs(), false, ""));
        files.write(edit.apply(files.read(jobId)));
    }

    private static Approval entry(String by, Plan plan, String signature) {
        return new Approval(ApprovalAction.APPROVED, by, Instant.parse("2026-11-25T10:00:05Z"), plan.id(), plan.hash(), "ok",
                "", plan.specHash(), plan.packageHash(), Optional.empty(), signature);
    }

    private JobFiles files() {
        return new JobFiles(FileWorkspace.open(workspace, new Codecs(), false, ""));
    }

    private void assertRefusedAndNothingRan(String jobId, Class<? extends ConciergeException> type, String words) {
        assertThatThrownBy(() -> concierge.run(jobId, RunOptions.defaults())).isInstanceOf(type).hasMessageContaining(words);
        assertThat(workspace.resolve("jobs").resolve(jobId).resolve("artifacts")).doesNotExist();
        assertThat(concierge.events(jobId, true)).noneMatch(e -> e.type().equals("job.started"));
    }

    @Test
    void anApprovalWrittenIntoJobYamlWithAChainedEntryDoesNotRun() {
        Job job = planned();
        Plan plan = concierge.plan(job.id(), null);
        JobFiles files = files();
        forge(job.id(), j -> j.toBuilder().status(JobStatus.APPROVED).addApproval(files.link(j, entry("alice", plan, ""))).build());
        assertRefusedAndNothingRan(job.id(), InvalidTransitionException.class, "is not signed");
        assertThat(concierge.validate(job.id()).findings()).isNotEmpty();
    }

    @Test
    void aForgedSignatureDoesNotRun() {
        Job job = planned();
        Plan plan = concierge.plan(job.id(), null);
        keys.generate("alice");
        JobFiles files = files();
        String junk = Base64.getEncoder().encodeToString(new byte[64]);
        forge(job.id(), j -> j.toBuilder().status(JobStatus.APPROVED).addApproval(files.link(j, entry("alice", plan, junk))).build());
        assertRefusedAndNothingRan(job.id(), IntegrityViolationException.class, "forged or edited");
    }

    @Test
    void aFakeSecondApproverDoesNotMakeTheQuorum() {
        concierge.setConfig("approval.required_approvals", "2");
        Job job = planned();
        Plan plan = concierge.plan(job.id(), null);
        Job half = concierge.approve(job.id(), "alice", "ok");
        assertThat(half.status()).isEqualTo(JobStatus.PLANNED);
        JobFiles files = files();
        Approval aliceEntry = half.approvalLog().get(0);
        // bob's entry made from alice's, with alice's signature: chained, but not bob's signature
        forge(job.id(), j -> j.toBuilder().status(JobStatus.APPROVED)
                .addApproval(files.link(j, entry("bob", plan, aliceEntry.signature()))).build());
        assertRefusedAndNothingRan(job.id(), ConciergeException.class, "decision by bob");
    }

    @Test
    void anApprovalMovedToAnotherPlanDoesNotRunTheNewPlan() throws Exception {
        Job job = planned();
        concierge.approve(job.id(), "alice", "notes only");
        Approval signed = concierge.job(job.id()).approvalLog().get(0);
        // the attacker, with a key ring of their own: back to PLANNED, a new input, a new plan
        forge(job.id(), j -> j.toBuilder().status(JobStatus.PLANNED).build());
        Files.writeString(in.resolve("secrets.txt"), "s3cret\n");
        try (Concierge mallory = open(KeyRing.folder(tmp.resolve("mallory-keys")), "mallory")) {
            mallory.setInputs(job.id(), Map.of("text_file", in.resolve("secrets.txt").toString()));
            mallory.generatePlan(job.id());
        }
        Plan newPlan = concierge.plan(job.id(), null);
        JobFiles files = files();
        forge(job.id(), j -> {
            Approval moved = new Approval(signed.action(), signed.by(), signed.at(), newPlan.id(), newPlan.hash(), signed.note(),
                    "", newPlan.specHash(), newPlan.packageHash(), signed.expiresAt(), signed.signature());
            return j.toBuilder().status(JobStatus.APPROVED).approvalLog(java.util.List.of()).build().toBuilder()
                    .addApproval(files.link(j.toBuilder().approvalLog(java.util.List.of()).build(), moved)).build();
        });
        assertRefusedAndNothingRan(job.id(), IntegrityViolationException.class, "forged or edited");
    }

    @Test
    void oneSpellingOfAPersonIsOneApprover() {
        concierge.setConfig("approval.required_approvals", "2");
        Job job = planned();
        concierge.approve(job.id(), "alice", "");
        assertThatThrownBy(() -> concierge.approve(job.id(), "ALICE", "")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("alice already approved");
        assertThatThrownBy(() -> concierge.approve(job.id(), "\uFF41\uFF4C\uFF49\uFF43\uFF45", ""))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("alice already approved");
        assertThatThrownBy(() -> concierge.approve(job.id(), "alice\u200B", "")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("U+200B");
        assertThatThrownBy(() -> concierge.approve(job.id(), "\u0430lice", "")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mixes scripts");
        assertThat(concierge.job(job.id()).status()).isEqualTo(JobStatus.PLANNED);
        assertThat(concierge.approve(job.id(), "Bob", "").status()).isEqualTo(JobStatus.APPROVED);
        assertThat(concierge.job(job.id()).approvalLog()).extracting(Approval::by).containsExactly("alice", "bob");
    }

    @Test
    void theCreatorMayNotApproveWhenThePolicyAsksForFourEyes() {
        concierge.setConfig("approval.allow_self_approval", "false");
        Job job = planned();
        assertThat(job.createdBy()).isEqualTo("carol");
        assertThatThrownBy(() -> concierge.approve(job.id(), "Carol", "mine")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("carol created job");
        assertThatThrownBy(() -> concierge.approve(job.id(), null, "mine")).isInstanceOf(InvalidInputException.class);
        concierge.setConfig("approval.allow_self_approval", "true");
        assertThat(concierge.approve(job.id(), null, "mine").status()).isEqualTo(JobStatus.APPROVED);
        concierge.setConfig("approval.allow_self_approval", "false");
        assertRefusedAndNothingRan(job.id(), InvalidTransitionException.class, "by the job's creator");
    }

    @Test
    void anExpiredApprovalDoesNotRun() {
        concierge.setConfig("approval.timeout_hours", "1");
        Job job = planned();
        Job approved = concierge.approve(job.id(), "alice", "");
        assertThat(approved.approvalLog().get(0).expiresAt()).isPresent();
        clock.now = clock.now.plus(Duration.ofHours(2));
        assertRefusedAndNothingRan(job.id(), InvalidTransitionException.class, "expired at");
        // status is what the verified records say, not job.yaml's APPROVED
        assertThat(concierge.job(job.id()).status()).isEqualTo(JobStatus.PLANNED);
        assertThat(concierge.status(job.id()).job().status()).isEqualTo(JobStatus.PLANNED);
        assertThat(concierge.validate(job.id()).findings()).anySatisfy(f -> assertThat(f.toString())
                .startsWith("job.yaml:status: says APPROVED but the verified records say PLANNED"));
    }

    @Test
    void aNeverRunJobMarkedCompletedIsNotShownCompleted() {
        Job job = planned();
        concierge.approve(job.id(), "alice", "");
        forge(job.id(), j -> j.toBuilder().status(JobStatus.COMPLETED).lastRunId("").build());
        assertThat(concierge.job(job.id()).status()).isEqualTo(JobStatus.APPROVED);
        assertThat(concierge.validate(job.id()).findings()).extracting(f -> f.subject()).contains("job.yaml:status");
    }

    @Test
    void aKeyThisMachineDoesNotTrustDoesNotCount() {
        Job job = planned();
        concierge.approve(job.id(), "alice", "");
        try (Concierge elsewhere = open(KeyRing.folder(tmp.resolve("other-keys")), "dave")) {
            assertThatThrownBy(() -> elsewhere.run(job.id(), RunOptions.defaults())).hasMessageContaining("does not trust");
            // pinning alice's public key there makes it count
            KeyRing other = KeyRing.folder(tmp.resolve("other-keys"));
            other.trust("alice", keys.trusted().stream().filter(k -> k.name().equals("alice")).findFirst().orElseThrow().publicKey());
            assertThat(elsewhere.run(job.id(), RunOptions.defaults()).status()).isEqualTo(JobStatus.COMPLETED);
        }
    }

    @Test
    void aNameWhosePrivateKeyIsElsewhereCannotApprove() {
        Job job = planned();
        KeyRing aliceMachine = KeyRing.folder(tmp.resolve("alice-keys"));
        keys.trust("alice", aliceMachine.generate("alice").publicKey());
        assertThatThrownBy(() -> concierge.approve(job.id(), "alice", "")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("private key is not there");
        assertThat(concierge.job(job.id()).approvalLog()).isEmpty();
    }

    @Test
    void anEditedNoteVoidsTheSignature() throws Exception {
        Job job = planned();
        concierge.approve(job.id(), "alice", "only notes.txt");
        Path yaml = workspace.resolve("jobs").resolve(job.id()).resolve("job.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("only notes.txt", "anything goes"));
        assertRefusedAndNothingRan(job.id(), IntegrityViolationException.class, "forged or edited");
        assertThat(concierge.validate(job.id()).findings()).extracting(f -> f.subject()).contains("job.yaml:approval_log[0]");
    }

    @Test
    void aSignedApprovalRuns() {
        Job job = planned();
        concierge.approve(job.id(), "alice", "");
        assertThat(concierge.run(job.id(), RunOptions.defaults()).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(keys.trusted()).extracting(k -> k.name()).contains("alice");
    }
}
