package io.concierge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bit key}, and identity, quorum and self-approval through the command line (the OS user is alice). */
class TrustCommandsTest {
    @TempDir
    Path home;

    private CliWorkspace ws;

    @BeforeEach
    void setUp() {
        ws = new CliWorkspace(home);
    }

    private String plannedEcho(String message) {
        String job = ws.ok("submit", "echo " + message).out().strip();
        ws.ok("plan", "generate", job);
        return job;
    }

    @Test
    void keysAreGeneratedListedExportedTrustedAndRevokedOutsideTheWorkspace() {
        String made = ws.ok("key", "generate", "--name", "Carol").out();
        assertThat(made).startsWith("carol ed25519 ").contains(" private\n");
        assertThat(home.resolve(".config/concierge/keys/carol.key")).isRegularFile();
        assertThat(ws.bit().run("key", "generate", "--name", "carol").exitCode()).isEqualTo(ExitCodes.USAGE);

        String publicKey = ws.ok("key", "export", "--name", "carol").out().strip();
        assertThat(publicKey).matches("[A-Za-z0-9+/=]{40,}");
        ws.ok("key", "trust", "--name", "dave", "--public-key", publicKey);
        assertThat(ws.ok("key", "list").outLines()).containsExactly("carol ed25519 " + publicKey + " private",
                "dave ed25519 " + publicKey + " public");
        InProcessBit.Result bad = ws.bit().run("key", "trust", "--name", "erin", "--public-key", "not-a-key");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.errLines()).hasSize(1);

        ws.ok("key", "revoke", "--name", "dave");
        assertThat(ws.ok("key", "list").outLines()).hasSize(1);
        assertThat(ws.bit().run("key", "export", "--name", "dave").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(ws.json("key", "list").get(0).get("private_key_held").asBoolean()).isTrue();
    }

    @Test
    void onePersonIsOneApproverHoweverTheNameIsWritten() {
        ws.allowSelfApproval();
        ws.ok("config", "set", "approval.required_approvals", "2");
        String job = plannedEcho("quorum");
        ws.ok("approve", job, "--by", "bob");
        for (String sameBob : new String[] {"BOB", "\uFF42\uFF4F\uFF42"}) {
            InProcessBit.Result again = ws.bit().run("approve", job, "--by", sameBob);
            assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(again.err()).contains("bob already approved");
        }
        InProcessBit.Result hidden = ws.bit().run("approve", job, "--by", "bob\u200B");
        assertThat(hidden.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(hidden.errLines()).singleElement().asString().contains("U+200B");
        assertThat(ws.ok("status", job).out()).contains("status: PLANNED");
        ws.ok("approve", job, "--by", "carol");
        assertThat(ws.ok("run", job).exitCode()).isZero();
    }

    @Test
    void whoeverSubmittedAJobMayNotApproveItWhenThePolicyAsksForFourEyes() {
        String job = plannedEcho("mine");
        ws.ok("config", "set", "approval.allow_self_approval", "false");
        InProcessBit.Result self = ws.bit().run("approve", job);
        assertThat(self.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(self.errLines()).singleElement().asString().contains("alice created job").contains("allow_self_approval");
        assertThat(ws.bit().run("submit", "echo again", "--approve").exitCode()).isEqualTo(ExitCodes.USAGE);
        ws.ok("approve", job, "--by", "bob");
        assertThat(ws.ok("job", "show", job).out()).contains("created_by: alice");
    }

    @Test
    void anApprovalWrittenByHandDoesNotRun() throws Exception {
        String job = plannedEcho("forged");
        Path yaml = ws.root().resolve("jobs").resolve(job).resolve("job.yaml");
        String text = Files.readString(yaml, StandardCharsets.UTF_8);
        String planId = text.replaceAll("(?s).*\nplan_id: (\\S+)\n.*", "$1");
        String planHash = text.replaceAll("(?s).*\n  plan: (\\S+)\n.*", "$1");
        String forged = text.replace("status: PLANNED", "status: APPROVED").replace("approval_log: []",
                "approval_log:\n- action: approved\n  by: bob\n  at: 2026-11-25T10:00:00Z\n  note: ok\n  plan_id: " + planId
                        + "\n  plan_hash: " + planHash + "\n  prev_hash: ''\n");
        assertThat(forged).contains("by: bob");
        Files.writeString(yaml, forged, StandardCharsets.UTF_8);
        InProcessBit.Result run = ws.bit().run("run", job);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.WRONG_STATE);
        assertThat(run.errLines()).singleElement().asString().contains("is not signed");
        assertThat(ws.root().resolve("jobs").resolve(job).resolve("artifacts")).doesNotExist();
        assertThat(ws.bit().run("job", "validate", job).exitCode()).isEqualTo(ExitCodes.FAILED);
    }
}
