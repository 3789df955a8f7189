package io.concierge.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.concierge.core.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** schemas/concierge.schema.json is generated from ConfigKey and agrees with what Config accepts. */
class ConfigSchemaTest {
    private static final Path COMMITTED = Path.of("../schemas/concierge.schema.json");

    private final Codecs codecs = new Codecs();

    @TempDir
    Path tmp;

    @Test
    void theCommittedSchemaIsTheGeneratedOne() throws Exception {
        String generated = new String(codecs.writePrettyJson(ConfigSchema.generate(codecs)), StandardCharsets.UTF_8);
        if (Boolean.getBoolean("schema.update")) {
            Files.writeString(COMMITTED, generated);
        }
        assertThat(Files.readString(COMMITTED))
                .as("schemas/concierge.schema.json is out of date: run this test with -Dschema.update=true")
                .isEqualTo(generated);
    }

    @Test
    void aNewWorkspaceNamesItsCopyOfTheSchemaAndBothValidatorsAgree() throws Exception {
        FileWorkspace.initialise(tmp.resolve("ws"), codecs);
        Path config = tmp.resolve("ws/concierge.json");
        JsonNode written = codecs.json().readTree(Files.readString(config));
        assertThat(written.path("$schema").asText()).isEqualTo(ConfigSchema.WORKSPACE_REFERENCE);
        Path copy = tmp.resolve("ws").resolve(ConfigSchema.WORKSPACE_REFERENCE).normalize();
        assertThat(copy).isRegularFile();

        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.newInputStream(copy));
        assertThat(schema.validate(written)).isEmpty();
        Config.read(codecs, config);

        String good = "{\"$schema\": \"x\", \"version\": 1, \"approval\": {\"required_approvals\": 2, \"auto_approve\": [\"test.*\"]},"
                + " \"notifications\": [{\"url\": \"http://127.0.0.1:9/h\", \"events\": [\"job.*\"]}]}";
        assertThat(schema.validate(codecs.json().readTree(good))).isEmpty();
        for (String bad : new String[] {
            "{\"version\": 1, \"aproval\": {}}",
            "{\"version\": 1, \"approval\": {\"required_approvals\": 11}}",
            "{\"version\": 1, \"router\": {\"max_parallel_steps\": \"two\"}}",
            "{\"version\": 1, \"notifications\": [{\"events\": []}]}"}) {
            assertThat(schema.validate(codecs.json().readTree(bad))).as(bad).isNotEmpty();
            Path file = Files.writeString(tmp.resolve("bad.json"), bad);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Config.read(codecs, file)).as(bad)
                    .isInstanceOf(io.concierge.api.failure.InvalidWorkspaceException.class);
        }
    }
}
