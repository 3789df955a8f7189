package io.concierge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bit agent} and {@code bit agents} in this JVM: what they print, and their usage errors. */
class AgentCommandsTest {
    @TempDir
    Path home;

    private CliWorkspace ws;

    @BeforeEach
    void setUp() {
        ws = new CliWorkspace(home);
        ws.ok("init");
    }

    @Test
    void anAgentRunsTheQueuedJobsPrintsALinePerClaimAndFinishAndExitsWhenIdle() {
        List<String> jobs = List.of(ws.approvedJob("Echo one"), ws.approvedJob("Echo two"), ws.approvedJob("Echo three"));
        assertThat(ws.json("job", "list")).extracting(j -> j.get("status").asText()).containsOnly("APPROVED");

        InProcessBit.Result result = ws.ok("agent", "--exit-when-idle", "--concurrency", "2", "--id", "cli-agent");

        for (String job : jobs) {
            assertThat(result.outLines()).contains("claimed " + job + " (test.echo@1.0.0)");
            assertThat(result.outLines()).anyMatch(l -> l.matches("completed " + job + " in \\d+\\.\\d s"));
            assertThat(ws.json("status", "--job-id", job).get("status").asText()).isEqualTo("COMPLETED");
        }
        assertThat(result.outLines()).hasSize(6);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("bit: agent cli-agent takes every package from ").endsWith("(2 at a time, until idle)");
        assertThat(ws.ok("agents").out()).as("signed off").isEmpty();
        assertThat(ws.json("agents")).isEmpty();
    }

    @Test
    void aFailedRunIsOneFailedLineAndTheAgentGoesOn() {
        String job = ws.approvedJob("Echo broken");
        String intentFail = ws.draftJob("Echo will fail");
        ws.ok("job", "set", "--job-id", intentFail, "fail=true");
        ws.ok("plan", "generate", "--job-id", intentFail);
        ws.ok("approve", "--job-id", intentFail, "--by", "reviewer");

        InProcessBit.Result result = ws.ok("agent", "--exit-when-idle");

        assertThat(result.outLines()).anyMatch(l -> l.startsWith("completed " + job + " in "));
        assertThat(result.outLines()).anyMatch(l -> l.startsWith("failed " + intentFail + ": "));
    }

    @Test
    void onlyThePackagesAskedForAreTaken() {
        String echo = ws.approvedJob("Echo only this");
        InProcessBit.Result none = ws.ok("agent", "--exit-when-idle", "--packages", "audio.*,file.*");
        assertThat(none.out()).isEmpty();
        assertThat(ws.json("status", "--job-id", echo).get("status").asText()).isEqualTo("APPROVED");
        InProcessBit.Result some = ws.ok("agent", "--exit-when-idle", "--packages", "audio.*", "--packages", "test.e*");
        assertThat(some.outLines()).first().isEqualTo("claimed " + echo + " (test.echo@1.0.0)");
    }

    @Test
    void badOptionsAreUsageErrorsThatChangeNothing() {
        ws.approvedJob("Echo stays");
        Map<String, String> before = WorkspaceSnapshot.of(ws.root());
        for (String[] args : List.of(
                new String[] {"agent", "--concurrency", "0"},
                new String[] {"agent", "--concurrency", "65"},
                new String[] {"agent", "--lease-seconds", "0"},
                new String[] {"agent", "--grace-seconds", "-1"},
                new String[] {"agent", "--packages", "Audio/*"},
                new String[] {"agent", "--id", "../x"},
                new String[] {"agents", "--lease-seconds", "0"})) {
            InProcessBit.Result result = ws.bit().run(args);
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
            assertThat(result.errLines()).as(result.toString()).hasSize(1);
            assertThat(result.errLines().get(0)).startsWith("bit: ").contains(args[1]);
        }
        assertThat(WorkspaceSnapshot.of(ws.root())).isEqualTo(before);
        InProcessBit.Result missing = ws.bit().run("agent", "--workspace", home.resolve("nowhere").toString());
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(3);
        assertThat(missing.errLines()).singleElement().asString().contains("bit init");
    }

    @Test
    void agentsListsWhatTheRegistryHolds() throws Exception {
        // An agent that died without signing off, its heartbeat long past: listed, and stale.
        java.nio.file.Files.createDirectories(ws.root().resolve(".concierge/agents"));
        java.nio.file.Files.writeString(ws.root().resolve(".concierge/agents/a_box_7_zz.json"), """
                {"id": "a_box_7_zz", "host": "box", "pid": 7, "started_at": "2026-01-01T00:00:00Z",
                 "heartbeat_at": "2026-01-01T00:00:10Z", "concurrency": 2, "packages": ["audio.*"],
                 "current_jobs": ["j_1", "j_2"], "state": "running"}
                """);
        String line = ws.ok("agents").out().strip();
        assertThat(line).startsWith("a_box_7_zz box 7 ").endsWith(" 2 stale j_1,j_2");
        JsonNode json = ws.json("agents").get(0);
        assertThat(json.get("stale").asBoolean()).isTrue();
        assertThat(json.get("state").asText()).isEqualTo("running");
        assertThat(json.get("current_jobs")).extracting(JsonNode::asText).containsExactly("j_1", "j_2");
    }
}
