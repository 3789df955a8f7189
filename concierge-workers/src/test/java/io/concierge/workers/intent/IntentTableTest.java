package io.concierge.workers.intent;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.Concierge;
import io.concierge.api.failure.AmbiguousIntentException;
import io.concierge.api.failure.CompoundIntentException;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.failure.NoMatchingPackageException;
import io.concierge.api.job.Job;
import io.concierge.api.pkg.InputSpec;
import io.concierge.api.pkg.InputType;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.core.plan.InputValues;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The intent table: sentences written the way people type, grouped by class, each with the
 * package (or refusal) it must give and every input it states, run through the real synthesizer,
 * matcher and input extraction of {@link Concierge#createJob}. {@code tuning.txt} is what the
 * planner was tuned on; {@code holdout.txt} was written first and never tuned on, so its figure
 * says how the planner does on sentences it has not seen. Both reports are written to
 * {@code target/intent-table.md} and printed.
 */
class IntentTableTest {
    @TempDir
    static Path tmp;
    static Concierge concierge;

    @BeforeAll
    static void open() {
        concierge = Concierge.builder(tmp.resolve("ws")).workingDirectory(tmp).open();
    }

    @AfterAll
    static void close() {
        concierge.close();
    }

    record Row(String group, String text, String expected, Map<String, String> inputs) {
    }

    record Outcome(Row row, boolean packageRight, int inputsRight, List<String> wrong) {
    }

    @Test
    void tuningTableReachesTheIssuesGoal() throws IOException {
        Score score = run("tuning.txt");
        assertThat(score.packages()).as(score.report()).isGreaterThanOrEqualTo(0.97);
        assertThat(score.inputs()).as(score.report()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void heldOutTableIsReportedAndDoesNotRegress() throws IOException {
        Score score = run("holdout.txt");
        // Floors under the figures measured when the table was first run after tuning (README);
        // the held-out rows themselves were never tuned on.
        assertThat(score.packages()).as(score.report()).isGreaterThanOrEqualTo(0.90);
        assertThat(score.inputs()).as(score.report()).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void tableHasAtLeastThreeHundredSentences() throws IOException {
        assertThat(rows("tuning.txt").size() + rows("holdout.txt").size()).isGreaterThanOrEqualTo(300);
    }

    record Score(double packages, double inputs, String report) {
    }

    private Score run(String table) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        for (Row row : rows(table)) {
            outcomes.add(check(row));
        }
        Map<String, int[]> byGroup = new LinkedHashMap<>();
        int rows = 0;
        int rightRows = 0;
        int inputs = 0;
        int rightInputs = 0;
        StringBuilder misses = new StringBuilder();
        for (Outcome o : outcomes) {
            int[] g = byGroup.computeIfAbsent(o.row().group(), k -> new int[4]);
            g[0]++;
            g[1] += o.packageRight() ? 1 : 0;
            g[2] += o.row().inputs().size();
            g[3] += o.inputsRight();
            rows++;
            rightRows += o.packageRight() ? 1 : 0;
            inputs += o.row().inputs().size();
            rightInputs += o.inputsRight();
            if (!o.wrong().isEmpty()) {
                misses.append("- `").append(o.row().text()).append("`: ").append(String.join("; ", o.wrong())).append('\n');
            }
        }
        StringBuilder report = new StringBuilder("### " + table + "\n\n| class | sentences | package right | stated inputs | inputs right |\n| --- | ---: | ---: | ---: | ---: |\n");
        byGroup.forEach((group, g) -> report.append(String.format(Locale.ROOT, "| %s | %d | %d (%s) | %d | %d (%s) |%n",
                group, g[0], g[1], pct(g[1], g[0]), g[2], g[3], pct(g[3], g[2]))));
        report.append(String.format(Locale.ROOT, "| **all** | %d | %d (%s) | %d | %d (%s) |%n%n", rows, rightRows,
                pct(rightRows, rows), inputs, rightInputs, pct(rightInputs, inputs)));
        if (misses.length() > 0) {
            report.append("Misses:\n\n").append(misses).append('\n');
        }
        Path out = Path.of("target", "intent-table-" + table.replace(".txt", "") + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
        return new Score((double) rightRows / rows, inputs == 0 ? 1 : (double) rightInputs / inputs, report.toString());
    }

    private static String pct(int right, int all) {
        return all == 0 ? "-" : String.format(Locale.ROOT, "%.0f %%", 100.0 * right / all);
    }

    private Outcome check(Row row) {
        Job job;
        try {
            job = concierge.createJob(concierge.synthesize(row.text()).id());
        } catch (ConciergeException e) {
            String kind = e instanceof CompoundIntentException ? "!multi" : e instanceof AmbiguousIntentException ? "!ambiguous"
                    : e instanceof NoMatchingPackageException ? "!none" : e.getClass().getSimpleName();
            boolean right = kind.equals(row.expected());
            return new Outcome(row, right, 0, right ? List.of() : List.of("expected " + row.expected() + ", refused " + kind + ": " + e.getMessage()));
        }
        if (!job.packageId().equals(row.expected())) {
            return new Outcome(row, false, 0, List.of("expected " + row.expected() + ", got " + job.packageId()
                    + " " + job.inputs()));
        }
        TaskPackage pkg = concierge.taskPackage(job.packageRef());
        InputValues binder = new InputValues(tmp, (id, output) -> tmp);
        int right = 0;
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> e : row.inputs().entrySet()) {
            InputSpec spec = pkg.input(e.getKey()).orElseThrow(() -> new AssertionError(row.text() + ": no input " + e.getKey()));
            String actual = job.inputs().getOrDefault(e.getKey(), "");
            if (same(binder, spec, e.getValue(), actual)) {
                right++;
            } else {
                wrong.add(e.getKey() + " expected '" + e.getValue() + "' got '" + actual + "'");
            }
        }
        return new Outcome(row, true, right, wrong);
    }

    private static boolean same(InputValues binder, InputSpec spec, String expected, String actual) {
        if (spec.type() == InputType.FILE || spec.type() == InputType.STRING || expected.isEmpty() || actual.isEmpty()) {
            return expected.equals(actual);
        }
        try {
            return Objects.equals(binder.bindOne("t", spec, expected), binder.bindOne("t", spec, actual));
        } catch (ConciergeException e) {
            return false;
        }
    }

    static List<Row> rows(String table) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = IntentTableTest.class.getResourceAsStream("/intent/" + table);
             BufferedReader reader = new BufferedReader(new InputStreamReader(Objects.requireNonNull(in, table), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(" \\| ", -1);
                if (cells.length < 3) {
                    throw new IllegalStateException(table + ": bad row " + line);
                }
                Map<String, String> inputs = new LinkedHashMap<>();
                String spec = cells.length > 3 ? cells[3].strip() : "";
                if (!spec.isEmpty() && !spec.equals("|")) {
                    for (String pair : spec.split(";(?=[a-z_]+=)")) {
                        int eq = pair.indexOf('=');
                        inputs.put(pair.substring(0, eq).strip(), pair.substring(eq + 1));
                    }
                }
                rows.add(new Row(cells[0].strip(), cells[1].strip(), cells[2].strip().replaceAll("\\s*\\|$", ""), inputs));
            }
        }
        return rows;
    }
}
