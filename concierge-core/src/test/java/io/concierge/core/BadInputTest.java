package io.concierge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.Concierge;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.api.failure.NotFoundException;
import io.concierge.api.job.Job;
import io.concierge.api.workspace.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and broken input: one clear error, nothing changed. */
class BadInputTest {
    @TempDir
    Path tmp;
    Path workspace;
    Path inputs;

    @BeforeEach
    void setUp() throws Exception {
        workspace = tmp.resolve("ws");
        inputs = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(inputs.resolve("notes.txt"), "hello\n");
        open().close();
        TestPackages.writeUpperPackage(workspace);
    }

    private Concierge open() {
        return Concierge.builder(workspace).workingDirectory(inputs).discoverWorkers(false)
                .worker(new UpperWorker()).defaultApprover("tester").open();
    }

    private Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(workspace)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(p -> !workspace.relativize(p).startsWith(".concierge")).toList()) {
                files.put(workspace.relativize(p).toString(), io.concierge.core.codec.Codecs.sha256(p));
            }
        }
        return files;
    }

    private void assertUnchanged(Map<String, String> before) throws IOException {
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void malformedJobYamlIsNamedAndLeftAlone() throws Exception {
        String jobId;
        try (Concierge c = open()) {
            jobId = c.createJob(c.synthesize("Uppercase notes.txt").id()).id();
        }
        Path yaml = workspace.resolve("jobs").resolve(jobId).resolve("job.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("status: DRAFT", "status: [oops"));
        Map<String, String> before = snapshot();
        try (Concierge c = open()) {
            assertThatThrownBy(() -> c.generatePlan(jobId)).isInstanceOf(InvalidWorkspaceException.class)
                    .hasMessageContaining("job.yaml").hasMessageContaining("malformed").hasMessageNotContaining("\n");
        }
        assertUnchanged(before);
    }

    @Test
    void unknownStatusAndUnknownFieldAreNamed() throws Exception {
        String jobId;
        try (Concierge c = open()) {
            jobId = c.createJob(c.synthesize("Uppercase notes.txt").id()).id();
        }
        Path yaml = workspace.resolve("jobs").resolve(jobId).resolve("job.yaml");
        String good = Files.readString(yaml);
        Files.writeString(yaml, good.replace("status: DRAFT", "status: DONE"));
        try (Concierge c = open()) {
            assertThatThrownBy(() -> c.job(jobId)).hasMessageContaining("status 'DONE' is not one of");
            Files.writeString(yaml, good + "colour: blue\n");
            assertThatThrownBy(() -> c.job(jobId)).hasMessageContaining("colour is not a job field");
        }
    }

    @Test
    void yamlAliasBombIsRefused() throws Exception {
        String jobId;
        try (Concierge c = open()) {
            jobId = c.createJob(c.synthesize("Uppercase notes.txt").id()).id();
        }
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            bomb.append("]\n");
            prev = c;
        }
        Files.writeString(workspace.resolve("jobs").resolve(jobId).resolve("job.yaml"), bomb);
        try (Concierge c = open()) {
            assertThatThrownBy(() -> c.job(jobId)).isInstanceOf(InvalidWorkspaceException.class)
                    .hasMessageContaining("job file");
        }
    }

    @Test
    void hugeJobYamlIsRefusedWithoutReadingIt() throws Exception {
        String jobId;
        try (Concierge c = open()) {
            jobId = c.createJob(c.synthesize("Uppercase notes.txt").id()).id();
        }
        Files.write(workspace.resolve("jobs").resolve(jobId).resolve("job.yaml"), new byte[2 << 20]);
        try (Concierge c = open()) {
            assertThatThrownBy(() -> c.job(jobId)).hasMessageContaining("larger than");
        }
    }

    @Test
    void malformedConfigurationNamesTheKey() throws Exception {
        Path config = workspace.resolve("concierge.json");
        Files.writeString(config, "{\"version\": 1, \"planer\": {\"min_confidence\": 0.5}}");
        assertThatThrownBy(this::open).isInstanceOf(InvalidWorkspaceException.class)
                .hasMessageContaining("unknown key 'planer.min_confidence'");
        Files.writeString(config, "{\"version\": 1, \"planner\": {\"min_confidence\": 7}}");
        assertThatThrownBy(this::open).hasMessageContaining("planner.min_confidence must be a number from 0 to 1");
        Files.writeString(config, "{\"version\": 1,");
        assertThatThrownBy(this::open).hasMessageContaining("malformed");
    }

    @Test
    void configSetValidatesAndPersists() throws Exception {
        try (Concierge c = open()) {
            assertThat(c.setConfig("planner.min_confidence", "0.5").value()).isEqualTo("0.5");
            Map<String, String> before = snapshot();
            assertThatThrownBy(() -> c.setConfig("planner.min_confidence", "high")).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> c.setConfig("nope", "1")).hasMessageContaining("unknown configuration key");
            assertUnchanged(before);
        }
        assertThat(Files.readString(workspace.resolve("concierge.json"))).contains("\"min_confidence\" : 0.5");
    }

    @Test
    void malformedPackageIsReportedFieldByField() throws Exception {
        Path file = tmp.resolve("package.yaml");
        Files.writeString(file, """
                id: Bad Id
                version: one
                intent:
                  verbs: []
                inputs:
                  x:
                    type: blob
                steps:
                  - id: s
                    worker: text.upper
                    inputs:
                      a: ${inputs.nope}
                  - id: t
                    worker: no.such
                    color: red
                """);
        try (Concierge c = open()) {
            ValidationReport report = c.validatePackage(file);
            assertThat(report.findings()).extracting(f -> f.subject()).contains("id", "version", "intent.verbs",
                    "inputs.x.type", "steps[0].inputs.a", "steps[1].color", "steps[1].worker");
            assertThatThrownBy(() -> c.validatePackage(tmp.resolve("missing.yaml"))).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void hostileIntentTextIsRefused() throws Exception {
        Map<String, String> before = snapshot();
        try (Concierge c = open()) {
            assertThatThrownBy(() -> c.synthesize("Normalize \u0007 beep.wav")).hasMessageContaining("U+0007");
            assertThatThrownBy(() -> c.synthesize("   ")).hasMessageContaining("empty");
            assertThatThrownBy(() -> c.synthesize("x".repeat(5000))).hasMessageContaining("limit");
            assertThatThrownBy(() -> c.synthesize("bad \uFFFD bytes")).hasMessageContaining("UTF-8");
        }
        assertUnchanged(before);
    }

    @Test
    void inputsOnlyChangeWhileEditableAndMustBeKnown() throws Exception {
        try (Concierge c = open()) {
            Job job = c.createJob(c.synthesize("Uppercase notes.txt").id());
            assertThatThrownBy(() -> c.setInputs(job.id(), Map.of("colour", "red"))).hasMessageContaining("has no input 'colour'");
            assertThatThrownBy(() -> c.setInputs(job.id(), Map.of("text_file", "missing.txt"))).isInstanceOf(NotFoundException.class);
            c.generatePlan(job.id());
            c.approve(job.id(), "a", "");
            Map<String, String> before = snapshot();
            assertThatThrownBy(() -> c.setInputs(job.id(), Map.of("text_file", "notes.txt")))
                    .isInstanceOf(ConciergeException.class).hasMessageContaining("APPROVED").hasMessageContaining("bit deny");
            assertUnchanged(before);
        }
    }

    @Test
    void noMatchingPackageListsWhatExists() {
        try (Concierge c = open()) {
            String id = c.synthesize("Bake a chocolate cake").id();
            assertThatThrownBy(() -> c.createJob(id)).hasMessageContaining("no task package matches")
                    .hasMessageContaining("uppercase");
        }
    }

    @Test
    void aWorkspaceFolderThatIsNotOneIsNotTakenOver() throws Exception {
        Path other = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(other.resolve("cat.jpg"), "meow");
        assertThatThrownBy(() -> Concierge.open(other)).isInstanceOf(InvalidWorkspaceException.class)
                .hasMessageContaining("not a Concierge workspace");
        assertThat(Files.list(other).count()).isEqualTo(1);
        assertThatThrownBy(() -> Concierge.builder(tmp.resolve("nothing")).createIfMissing(false).open())
                .isInstanceOf(NotFoundException.class).hasMessageContaining("bit init");
    }
}
