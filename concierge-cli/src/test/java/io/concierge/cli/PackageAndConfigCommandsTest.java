package io.concierge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bit package ...} and {@code bit config ...} against the built-in packages. */
class PackageAndConfigCommandsTest {
    @TempDir
    Path home;

    private CliWorkspace ws;

    @BeforeEach
    void setUp() {
        ws = new CliWorkspace(home);
        ws.ok("init");
    }

    @Test
    void packageListShowsTheBuiltInPackages() {
        List<String> lines = ws.ok("package", "list").outLines();

        for (String id : List.of("test.echo", "file.copy", "audio.normalize", "audio.encode", "video.transcode",
                "db.backup")) {
            assertThat(lines).anyMatch(line -> line.startsWith(id + "@"));
        }
        JsonNode json = ws.json("package", "list");
        assertThat(json).hasSameSizeAs(lines);
        assertThat(json.get(0).has("approval_required")).isTrue();
    }

    @Test
    void packageShowByIdAndByIdAtVersion() {
        JsonNode pkg = ws.json("package", "show", "--id", "audio.normalize");
        String version = pkg.get("version").asText();

        List<String> lines = ws.ok("package", "show", "--id", "audio.normalize@" + version).outLines();

        assertThat(lines.get(0)).isEqualTo("package: audio.normalize@" + version);
        assertThat(lines).contains("inputs:", "steps:", "outputs:");
        assertThat(lines).anyMatch(line -> line.startsWith("  audio_file  file"));
        assertThat(pkg.get("inputs").get(0).get("name").asText()).isEqualTo("audio_file");
        assertThat(pkg.get("origin").asText()).startsWith("builtin:");
    }

    @Test
    void packageSearchRanksTheBestMatchFirst() {
        List<String> lines = ws.ok("package", "search", "--query", "normalize podcast loudness").outLines();

        assertThat(lines).isNotEmpty();
        assertThat(lines.get(0)).matches("[01]\\.\\d\\d  audio\\.normalize@\\S+  .*");
        JsonNode json = ws.json("package", "search", "--query", "compress audio to mp3");
        assertThat(json.get(0).get("id").asText()).isEqualTo("audio.encode");
        assertThat(json.get(0).get("confidence").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void packageValidateAcceptsAValidPackage() throws Exception {
        Path file = ws.inputs().resolve("package.yaml");
        java.nio.file.Files.writeString(file, String.join("\n",
                "id: custom.shout",
                "version: 1.0.0",
                "name: Shout",
                "description: Echoes a message.",
                "intent:",
                "  verbs: [shout]",
                "  keywords: [message]",
                "  extensions: []",
                "  formats: []",
                "inputs:",
                "  message:",
                "    type: string",
                "    required: true",
                "    description: What to echo.",
                "steps:",
                "  - id: echo",
                "    worker: test.echo",
                "    version: 1.0.0",
                "    inputs: {}",
                "    params:",
                "      message: ${inputs.message}",
                "outputs: {}",
                "approval:",
                "  required: true",
                "failure_handling:",
                "  max_retries: 0",
                "  timeout_seconds: 60",
                "verification: []",
                "resources:",
                "  cpu: 1",
                "  memory_mb: 64",
                ""));

        InProcessBit.Result result = ws.ok("package", "validate", "--file", "package.yaml");

        assertThat(result.outLines().get(0)).endsWith(": valid");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void configGetAndSet() {
        List<String> all = ws.ok("config", "get").outLines();
        assertThat(all).anyMatch(line -> line.matches("planner\\.min_confidence = [0-9.]+  \\(\\S+\\)"));
        assertThat(ws.json("config", "get")).hasSameSizeAs(all);
        JsonNode before = ws.json("config", "get", "planner.min_confidence");
        assertThat(ws.ok("config", "get", "planner.min_confidence").outLines())
                .containsExactly(before.get("value").asText());

        InProcessBit.Result set = ws.ok("config", "set", "planner.min_confidence", "0.5");

        assertThat(set.outLines()).singleElement().asString().startsWith("planner.min_confidence = 0.5  (");
        JsonNode after = ws.json("config", "get", "planner.min_confidence");
        assertThat(after.get("value").asText()).isEqualTo("0.5");
        assertThat(after.get("default").asText()).isEqualTo(before.get("default").asText());
        assertThat(after.get("source").asText()).isNotEqualTo("default");
        assertThat(after.get("description").asText()).isNotEmpty();
    }
}
