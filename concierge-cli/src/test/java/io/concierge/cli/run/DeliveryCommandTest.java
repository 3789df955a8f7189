package io.concierge.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.cli.CliWorkspace;
import io.concierge.cli.InProcessBit;
import io.concierge.cli.WorkspaceSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "copy X to /somewhere/" through {@code bit}: the destination in the plan, approved, delivered, never clobbered. */
class DeliveryCommandTest {
    @TempDir
    Path home;

    private CliWorkspace ws;
    private Path backup;

    @BeforeEach
    void setUp() throws Exception {
        ws = new CliWorkspace(home);
        ws.ok("ws", "open", "--path", ws.root().toString());
        Files.writeString(ws.inputs().resolve("report.csv"), "id,total\n1,9\n");
        backup = Files.createDirectories(home.resolve("backup")).toRealPath();
    }

    @Test
    void theDestinationIsShownInThePlanApprovedAndTheCopyDeliveredThere() throws Exception {
        String jobId = ws.draftJob("copy report.csv to " + backup + "/");

        List<String> plan = ws.ok("plan", "generate", "--job-id", jobId).outLines();

        assertThat(plan).contains("  destination: " + backup + "/", "  2. deliver (concierge.deliver@1.0.0)",
                "       file: ${steps.copy.copy}", "       to: " + backup + "/", "       overwrite: false");
        ws.ok("approve", "--job-id", jobId, "--by", "reviewer", "--note", "ok");
        InProcessBit.Result run = ws.ok("run", "--job-id", jobId);

        assertThat(run.errLines()).anyMatch(l -> l.matches("  step deliver completed in [0-9.]+ s"));
        assertThat(backup.resolve("report.csv")).hasContent("id,total\n1,9");
        Path job = ws.root().resolve("jobs").resolve(jobId);
        assertThat(job.resolve("artifacts/report.csv")).exists();
        assertThat(Files.readString(job.resolve("manifest.json"))).contains("\"deliveries\"", "\"to\" : \"" + backup.resolve("report.csv"));
        assertThat(ws.ok("job", "validate", "--job-id", jobId).exitCode()).isZero();
    }

    @Test
    void aDifferentFileAtTheDestinationFailsTheRunUnlessTheSentenceSaysOverwrite() throws Exception {
        Files.writeString(backup.resolve("report.csv"), "keep me");
        String jobId = ws.approvedJob("copy report.csv to " + backup + "/");

        InProcessBit.Result refused = ws.bit().run("run", "--job-id", jobId);

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains(backup.resolve("report.csv") + " already exists and differs from report.csv");
        assertThat(backup.resolve("report.csv")).hasContent("keep me");

        String overwriting = ws.approvedJob("copy report.csv to " + backup + "/ and overwrite the old one");
        assertThat(ws.json("job", "show", "--job-id", overwriting).get("inputs").get("overwrite").asText()).isEqualTo("true");
        ws.ok("run", "--job-id", overwriting);
        assertThat(backup.resolve("report.csv")).hasContent("id,total\n1,9");
    }

    @Test
    void aRelativeDestinationSetLaterIsStoredWhereItWasTyped() throws Exception {
        Files.createDirectories(ws.inputs().resolve("out"));
        String jobId = ws.draftJob("copy report.csv");

        ws.ok("job", "set", "--job-id", jobId, "destination=out/");

        assertThat(ws.json("job", "show", "--job-id", jobId).get("inputs").get("destination").asText())
                .isEqualTo(ws.inputs().resolve("out") + "/");
    }

    @Test
    void aMissingDestinationFolderIsRefusedAtPlanningWithExitThreeAndNothingChanges() {
        String jobId = ws.draftJob("copy report.csv to " + home.resolve("nope") + "/");
        Map<String, String> before = WorkspaceSnapshot.of(ws.root());

        InProcessBit.Result plan = ws.bit().run("plan", "generate", "--job-id", jobId);

        assertThat(plan.exitCode()).isEqualTo(3);
        assertThat(plan.errLines()).singleElement().asString()
                .contains("destination folder " + home.resolve("nope") + " of job " + jobId + " does not exist",
                        "mkdir -p", "bit job set --job-id " + jobId + " destination=PATH");
        assertThat(WorkspaceSnapshot.of(ws.root())).isEqualTo(before);
    }

    @Test
    void aDestinationThatLinksIntoTheWorkspaceIsBadInputWithExitTwo() throws Exception {
        Path link = Files.createSymbolicLink(home.resolve("into-ws"), ws.root());
        String jobId = ws.draftJob("copy report.csv to " + link + "/");
        Map<String, String> before = WorkspaceSnapshot.of(ws.root());

        InProcessBit.Result plan = ws.bit().run("plan", "generate", "--job-id", jobId);

        assertThat(plan.exitCode()).isEqualTo(2);
        assertThat(plan.errLines()).singleElement().asString().contains("lies inside the workspace");
        assertThat(WorkspaceSnapshot.of(ws.root())).isEqualTo(before);
    }
}
