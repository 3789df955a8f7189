package io.concierge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bad job or package file is one line on standard error (and one finding of
 * {@code audit --check}); every other job and package is listed as usual and the workspace is
 * left as it was.
 */
class OneBadFileTest {
    @TempDir
    Path home;

    private CliWorkspace ws;

    @BeforeEach
    void setUp() {
        ws = new CliWorkspace(home);
        ws.ok("init");
    }

    @Test
    void listStatusAndAuditKeepWorkingPastAMalformedJob() throws Exception {
        String first = ws.draftJob("Normalize podcast episode.wav");
        String broken = ws.draftJob("Normalize podcast episode.wav");
        String last = ws.draftJob("Normalize podcast episode.wav");
        Files.writeString(ws.root().resolve("jobs").resolve(broken).resolve("job.yaml"), "status: [unclosed\n  : :\n");
        Map<String, String> before = WorkspaceSnapshot.of(ws.root());

        InProcessBit.Result list = ws.bit().run("job", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.outLines()).hasSize(2);
        assertThat(list.outLines().get(0)).startsWith(first);
        assertThat(list.outLines().get(1)).startsWith(last);
        assertThat(list.errLines()).singleElement().asString()
                .startsWith("bit: warning: jobs/" + broken + "/job.yaml: ").contains("malformed");

        InProcessBit.Result status = ws.bit().run("status", last);
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.outLines()).contains("status: DRAFT");

        InProcessBit.Result audit = ws.bit().run("audit", "--check");
        assertThat(audit.exitCode()).as(audit.toString()).isEqualTo(1);
        assertThat(audit.outLines()).filteredOn(line -> line.startsWith(broken + "  job.yaml: ")).hasSize(1);
        assertThat(audit.outLines()).noneMatch(line -> line.startsWith(first) || line.startsWith(last));

        assertThat(ws.bit().run("job", "list", "--json").exitCode()).isZero();
        assertThat(WorkspaceSnapshot.of(ws.root())).isEqualTo(before);
    }

    @Test
    void packageListNamesTheBadFileAndListsTheRest() throws Exception {
        Path dir = Files.createDirectories(ws.root().resolve("packages/text/broken/v1.0.0"));
        Files.writeString(dir.resolve("package.yaml"), "id: text.broken\nversion: [\n");

        InProcessBit.Result list = ws.bit().run("package", "list");

        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.outLines()).anyMatch(line -> line.startsWith("audio.normalize@"));
        assertThat(list.errLines()).singleElement().asString()
                .startsWith("bit: warning: packages/text/broken/v1.0.0/package.yaml: ");
    }

    @Test
    void anOutputNameThatWouldEscapeIsRefusedWhenSet() throws Exception {
        Path source = Files.writeString(ws.inputs().resolve("notes.txt"), "hello");
        String jobId = ws.draftJob("Copy " + source);
        Map<String, String> before = WorkspaceSnapshot.of(ws.root());

        for (String bad : new String[] {"name=../x", "name=/tmp/x", "name=a/b", "name=.hidden", "name=CON"}) {
            InProcessBit.Result set = ws.bit().run("job", "set", jobId, bad);
            assertThat(set.exitCode()).as(set.toString()).isEqualTo(2);
            assertThat(set.errLines()).singleElement().asString().startsWith("bit: ").contains("output name");
        }
        assertThat(WorkspaceSnapshot.of(ws.root())).isEqualTo(before);
        assertThat(ws.bit().run("job", "set", jobId, "name=copy.txt").exitCode()).isZero();
    }
}
