package io.concierge.core.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.pkg.InputHint;
import io.concierge.api.workspace.Finding;
import io.concierge.core.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code bit package validate} reports about a package's vocabulary and extraction hints. */
class VocabularyParserTest {
    private List<Finding> findings(String intent, String inputs) {
        String yaml = "id: x.y\nversion: 1.0.0\nintent:\n" + intent + "inputs:\n" + inputs + VocabularyPackages.STEPS;
        return new PackageParser(new Codecs()).parse(yaml.getBytes(StandardCharsets.UTF_8), "test").findings();
    }

    @Test
    void aGoodVocabularyIsReadWithItsHints() {
        var pkg = VocabularyPackages.all().get(2);
        assertThat(pkg.vocabulary().phrases()).containsExactly("zip up");
        assertThat(pkg.vocabulary().excludes()).containsExactly("photo");
        assertThat(pkg.vocabulary().extract().get("source")).isEqualTo(new InputHint("path", List.of(), java.util.Map.of()));
        assertThat(pkg.vocabulary().extract().get("level").values()).containsEntry("no compression", "0");
    }

    @Test
    void everyMistakeIsAFindingNamingItsPlace() {
        List<Finding> findings = findings("""
                  verbs: [pack, "zip up"]
                  vague_verbs: [convert]
                  phrases: [single]
                  colour: [red]
                  extract:
                    nothing: {from: path}
                    format: {from: somewhere, values: {tgz: rar}}
                    level: {from: resolution}
                    on: {values: {never: maybe}, extra: 1}
                """, """
                  format: {type: choice, choices: [zip, tar.gz]}
                  level: {type: integer}
                  on: {type: boolean}
                """);
        assertThat(findings).extracting(Finding::subject).contains("intent.verbs", "intent.vague_verbs", "intent.phrases",
                "intent.colour", "intent.extract.nothing", "intent.extract.format.from", "intent.extract.format.values.tgz",
                "intent.extract.level.from", "intent.extract.on.values.never", "intent.extract.on.extra");
        assertThat(findings).filteredOn(f -> f.subject().equals("intent.extract.format.values.tgz"))
                .extracting(Finding::message).containsExactly("'rar' is not one of format's choices (zip, tar.gz)");
    }
}
