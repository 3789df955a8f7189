package io.concierge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conventions gh and kubectl users expect: positional ids, submit, filters, -q, wait --for. */
class ScriptableCommandsTest {
    @TempDir
    Path home;

    private CliWorkspace ws;

    @BeforeEach
    void setUp() {
        ws = new CliWorkspace(home);
        // submit --approve approves as the person who submits: this workspace allows that
        ws.allowSelfApproval();
    }

    private String echoJob(String message, boolean fail) {
        String jobId = ws.draftJob("echo " + message);
        ws.ok("job", "set", jobId, "fail=" + fail);
        return jobId;
    }

    @Test
    void everyJobCommandTakesTheIdAsAnArgumentOrAsOption() {
        String jobId = echoJob("positional", false);
        assertThat(ws.ok("job", "show", jobId).outLines()).contains("status: DRAFT");
        ws.ok("plan", "generate", jobId.substring(0, 10));
        ws.ok("approve", jobId, "--note", "fine");
        assertThat(ws.ok("run", jobId).exitCode()).isZero();
        assertThat(ws.ok("status", jobId).outLines()).contains("status: COMPLETED");
        assertThat(ws.ok("status", "--job-id", jobId).outLines()).contains("status: COMPLETED");
        assertThat(ws.ok("artifacts", jobId).outLines()).hasSize(1);
        assertThat(ws.ok("job", "validate", jobId).exitCode()).isZero();
        assertThat(ws.ok("tail", jobId).outLines()).isNotEmpty();
        assertThat(ws.ok("plan", "list", jobId).outLines()).hasSize(1);
    }

    @Test
    void twoDifferentIdsOrNoneAreUsageErrorsThatSayWhatToDo() {
        String jobId = echoJob("twice", false);
        InProcessBit.Result both = ws.bit().run("job", "show", jobId, "--job-id", "j_other");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.errLines()).singleElement().asString().contains("either JOB or --job-id");

        InProcessBit.Result none = ws.bit().run("status");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.errLines()).singleElement().asString().contains("Missing required job: give JOB or --job-id=ID");

        InProcessBit.Result setNothing = ws.bit().run("job", "set", jobId);
        assertThat(setNothing.exitCode()).isEqualTo(2);
        assertThat(setNothing.errLines()).singleElement().asString().contains("NAME=VALUE");
    }

    @Test
    void submitPrintsOnlyTheJobIdAndCanApproveAndRun() {
        InProcessBit.Result planned = ws.ok("submit", "echo just planned");
        String plannedId = planned.out().strip();
        assertThat(planned.outLines()).singleElement().asString().startsWith("j_");
        assertThat(ws.ok("status", plannedId).outLines()).contains("status: PLANNED");

        InProcessBit.Result ran = ws.ok("submit", "echo all the way", "--input", "message=hello there",
                "--approve", "--by", "bob", "--run");
        String ranId = ran.out().strip();
        assertThat(ws.ok("status", ranId).outLines()).contains("status: COMPLETED");
        assertThat(ws.ok("job", "show", ranId).out()).contains("approved by bob").contains("hello there");

        InProcessBit.Result failed = ws.bit().run("submit", "echo broken", "--input", "fail=true", "--approve", "--run");
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(ws.ok("status", failed.out().strip()).outLines()).contains("status: FAILED");
    }

    @Test
    void submitRefusesBadCombinationsBeforeTouchingTheWorkspace() {
        ws.ok("submit", "echo make the workspace");
        java.util.Map<String, String> before = WorkspaceSnapshot.of(ws.root());
        assertThat(ws.bit().run("submit", "echo x", "--by", "bob").exitCode()).isEqualTo(2);
        assertThat(ws.bit().run("submit", "echo x", "--input", "novalue").exitCode()).isEqualTo(2);
        assertThat(ws.bit().run("submit", "echo x", "--timeout", "3").exitCode()).isEqualTo(2);
        assertThat(ws.bit().run("submit", "  ").exitCode()).isEqualTo(2);
        assertThat(WorkspaceSnapshot.of(ws.root())).isEqualTo(before);
    }

    @Test
    void listFiltersByStatusAgeAndCountAndPrintsIdsWithQ() {
        String draft = echoJob("draft", false);
        String done = ws.ok("submit", "echo done", "--approve", "--run").out().strip();
        String broken = ws.bit().run("submit", "echo broken", "--input", "fail=true", "--approve", "--run").out().strip();

        assertThat(ws.ok("job", "list", "-q").outLines()).containsExactly(draft, done, broken);
        assertThat(ws.ok("job", "list", "--status", "completed,FAILED", "-q").outLines()).containsExactly(done, broken);
        assertThat(ws.ok("job", "list", "--limit", "2", "-q").outLines()).containsExactly(done, broken);
        assertThat(ws.ok("job", "list", "--limit", "0").outLines()).isEmpty();
        assertThat(ws.ok("job", "list", "--since", "1h", "-q").outLines()).hasSize(3);
        assertThat(ws.ok("job", "list", "--since", "2999-01-01", "-q").outLines()).isEmpty();
        assertThat(ws.ok("job", "list", "--status", "draft").outLines()).singleElement().asString().startsWith(draft + "  DRAFT");

        InProcessBit.Result badStatus = ws.bit().run("job", "list", "--status", "DONE");
        assertThat(badStatus.exitCode()).isEqualTo(2);
        assertThat(badStatus.errLines()).singleElement().asString().contains("'DONE' is not a job status");
        assertThat(ws.bit().run("job", "list", "--since", "yesterday").exitCode()).isEqualTo(2);
        assertThat(ws.bit().run("job", "list", "--since", "99999999999d").exitCode()).isEqualTo(2);
        assertThat(ws.bit().run("job", "list", "--limit", "-1").exitCode()).isEqualTo(2);
    }

    @Test
    void waitRefusesAJobNothingRunsAndWaitsForTheEndItIsAskedFor() {
        String draft = echoJob("never run", false);
        InProcessBit.Result never = ws.bit().run("wait", draft);
        assertThat(never.exitCode()).isEqualTo(4);
        assertThat(never.errLines()).singleElement().asString().contains("DRAFT").contains("nothing is running it");

        String approved = ws.ok("submit", "echo approved only", "--approve").out().strip();
        InProcessBit.Result notStarted = ws.bit().run("wait", approved);
        assertThat(notStarted.exitCode()).isEqualTo(4);
        assertThat(notStarted.errLines()).singleElement().asString().contains("bit run " + approved);
        InProcessBit.Result gaveUp = ws.bit().run("wait", approved, "--timeout", "0.2");
        assertThat(gaveUp.exitCode()).isEqualTo(7);

        String broken = ws.bit().run("submit", "echo broken", "--input", "fail=true", "--approve", "--run").out().strip();
        assertThat(ws.bit().run("wait", broken).exitCode()).isEqualTo(1);
        assertThat(ws.bit().run("wait", broken, "--for", "ended").exitCode()).isZero();
        assertThat(ws.bit().run("wait", broken, "--for", "ENDED").outLines()).contains("status: FAILED");
        InProcessBit.Result badCondition = ws.bit().run("wait", broken, "--for", "started");
        assertThat(badCondition.exitCode()).isEqualTo(2);
        assertThat(badCondition.errLines()).singleElement().asString().contains("completed or ended");
    }

    @Test
    void terminalListsAreAlignedAndColouredUnlessNoColor() {
        String short1 = ws.ok("submit", "echo a").out().strip();
        ws.ok("submit", "echo b", "--approve", "--run");
        ws.bit().interactive(true);
        List<String> lines = ws.ok("job", "list").outLines();
        assertThat(lines.get(0)).startsWith("JOB").contains("STATUS");
        int statusColumn = lines.get(0).indexOf("STATUS");
        assertThat(lines.get(1)).startsWith(short1);
        assertThat(lines.get(1).indexOf("PLANNED")).isEqualTo(statusColumn);
        assertThat(lines.get(2)).contains("\u001b[32mCOMPLETED");

        ws.bit().variable("NO_COLOR", "1");
        assertThat(ws.ok("job", "list").out()).doesNotContain("\u001b[");
        ws.bit().interactive(false).variable("NO_COLOR", "");
        assertThat(ws.ok("job", "list").out()).doesNotContain("\u001b[").doesNotContain("JOB  ");
    }

    @Test
    void completionScriptsForEachShell() {
        String bash = ws.ok("completion", "bash").out();
        assertThat(bash).contains("complete -F _complete_bit");
        assertThat(ws.ok("completion", "zsh").out()).contains("bashcompinit").contains("_picocli_bit");
        String fish = ws.ok("completion", "fish").out();
        assertThat(fish).contains("complete -c bit -n '__fish_use_subcommand' -a 'job'")
                .contains("-l job-id -r")
                .contains("__fish_seen_subcommand_from job; and __fish_seen_subcommand_from list' -l status -r");
        InProcessBit.Result unknown = ws.bit().run("completion", "powershell");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errLines()).singleElement().asString().contains("bash, zsh or fish");
    }

    @Test
    void versionNamesTheRelease() {
        assertThat(ws.ok("--version").out()).contains("0.1.0");
    }
}
