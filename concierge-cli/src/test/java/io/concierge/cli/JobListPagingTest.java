package io.concierge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bit job list} from the job index: pages with {@code --limit} and {@code --cursor}, a
 * cursor that is refused with a sentence, a hand edit and a deleted index that change nothing a
 * script sees.
 */
class JobListPagingTest {
    @TempDir
    Path home;

    private CliWorkspace ws;
    private final List<String> jobs = new ArrayList<>();

    @BeforeEach
    void setUp() {
        ws = new CliWorkspace(home);
        for (int i = 0; i < 7; i++) {
            jobs.add(ws.draftJob("echo paging number " + i));
        }
    }

    @Test
    void pagesGoBackFromTheNewestAndTheCursorIsOnStandardError() {
        InProcessBit.Result first = ws.ok("job", "list", "--limit", "3", "-q");
        assertThat(first.outLines()).containsExactlyElementsOf(jobs.subList(4, 7));
        String cursor = cursor(first);

        InProcessBit.Result second = ws.ok("job", "list", "--limit", "3", "-q", "--cursor", cursor);
        assertThat(second.outLines()).containsExactlyElementsOf(jobs.subList(1, 4));
        InProcessBit.Result last = ws.ok("job", "list", "--limit", "3", "-q", "--cursor", cursor(second));
        assertThat(last.outLines()).containsExactly(jobs.get(0));
        assertThat(last.errLines()).isEmpty();

        // without --limit, a cursor lists everything older
        assertThat(ws.ok("job", "list", "-q", "--cursor", cursor).outLines()).containsExactlyElementsOf(jobs.subList(0, 4));
        // a job created between two pages never shifts them
        ws.draftJob("echo created in between");
        assertThat(ws.ok("job", "list", "--limit", "3", "-q", "--cursor", cursor).outLines())
                .containsExactlyElementsOf(jobs.subList(1, 4));
        assertThat(ws.ok("job", "list", "--limit", "2", "--status", "draft", "-q", "--cursor", cursor).outLines())
                .containsExactlyElementsOf(jobs.subList(2, 4));
    }

    @Test
    void aCursorNotGivenByAListingIsAUsageErrorAndChangesNothing() {
        Map<String, String> before = WorkspaceSnapshot.of(ws.root());
        for (String bad : List.of("j_01ABC", "../x", "bm90IGEgY3Vyc29y", "")) {
            InProcessBit.Result refused = ws.bit().run("job", "list", "--limit", "2", "--cursor", bad);
            assertThat(refused.exitCode()).as(bad).isEqualTo(2);
            assertThat(refused.out()).isEmpty();
            if (!bad.isEmpty()) {
                assertThat(refused.errLines()).as(bad).singleElement().asString()
                        .contains("--cursor").contains("is not one a job listing gave");
            }
        }
        assertThat(WorkspaceSnapshot.of(ws.root())).isEqualTo(before);
    }

    @Test
    void aHandEditAndADeletedIndexShowAsTheFilesSay() throws Exception {
        List<String> lines = ws.ok("job", "list").outLines();
        assertThat(lines).hasSize(7);
        Path yaml = ws.root().resolve("jobs").resolve(jobs.get(2)).resolve("job.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("status: DRAFT", "status: PLANNED")
                .replace("paging number 2", "paging edited by hand"));
        List<String> edited = ws.ok("job", "list").outLines();
        assertThat(edited.get(2)).startsWith(jobs.get(2) + "  PLANNED").endsWith("paging edited by hand");
        assertThat(ws.ok("job", "list", "--status", "PLANNED", "-q").outLines()).containsExactly(jobs.get(2));

        Path index = ws.root().resolve(".concierge").resolve("index");
        assertThat(index).isDirectory();
        try (Stream<Path> files = Files.walk(index)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        assertThat(ws.ok("job", "list").outLines()).isEqualTo(edited);
        Files.writeString(index.resolve("jobs.idx"), "damaged");
        assertThat(ws.ok("job", "list").outLines()).isEqualTo(edited);
        assertThat(ws.ok("job", "list", "--limit", "1", "-q").outLines()).containsExactly(jobs.get(6));
    }

    private static String cursor(InProcessBit.Result result) {
        assertThat(result.errLines()).singleElement().asString().contains("--cursor ");
        String line = result.errLines().get(0);
        return line.substring(line.indexOf("--cursor ") + "--cursor ".length()).strip();
    }
}
