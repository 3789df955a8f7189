package io.concierge.core.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.workspace.Finding;
import io.concierge.api.workspace.ValidationReport;
import io.concierge.core.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** schemas/package.schema.json as bit package validate applies it, next to the parser. */
class PackageSchemaTest {
    private static final String GOOD = """
            id: text.upper
            version: 1.0.0
            name: Upper-case text
            intent:
              verbs: [uppercase]
              extract:
                loud: {from: text, words: [loud], values: {loud: true}}
            inputs:
              text_file: {type: file, required: true, extensions: [txt]}
              loud: {type: boolean, default: false}
            steps:
              - id: upper
                worker: text.upper
                version: 1.0.0
                inputs: {text_file: "${inputs.text_file}"}
                params: {loud: "${inputs.loud}"}
            outputs:
              text: ${steps.upper.text}
            approval: {required: true, required_approvals: 2}
            failure_handling: {max_retries: 2, timeout_seconds: 60, retry_on: [io]}
            verification:
              - {output: text, rule: non_empty}
            """;

    @TempDir
    Path tmp;

    private final PackageFileCheck check = new PackageFileCheck(new PackageParser(new Codecs()), worker -> true);

    private ValidationReport validate(String yaml) throws Exception {
        Path file = Files.writeString(tmp.resolve("package.yaml"), yaml, StandardCharsets.UTF_8);
        return check.check(file);
    }

    @Test
    void aWellFormedPackageHasNoFindings() throws Exception {
        assertThat(validate(GOOD).findings()).isEmpty();
        assertThat(validate(GOOD).checked()).contains("schemas/package.schema.json");
    }

    @Test
    void theSchemaReportsWhatOnlyItChecksAtTheFieldPath() throws Exception {
        String numbered = GOOD.replace("name: Upper-case text", "name: 42");
        assertThat(validate(numbered).findings()).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo("name");
            assertThat(f.message()).startsWith("schema: ").contains("string");
        });
    }

    @Test
    void aPlaceTheParserAlreadyReportedIsNotReportedTwice() throws Exception {
        String badFailure = GOOD.replace("on_failure", "x").replace("max_retries: 2", "max_retries: 99");
        assertThat(validate(badFailure).findings()).extracting(Finding::subject)
                .containsOnlyOnce("failure_handling.max_retries");
    }
}
