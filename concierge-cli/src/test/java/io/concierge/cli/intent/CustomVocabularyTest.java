package io.concierge.cli.intent;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.cli.CliWorkspace;
import io.concierge.cli.InProcessBit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A workspace's own package: validated with its vocabulary, then reached through a typo and a phrase. */
class CustomVocabularyTest {
    private static final String PACKAGE = """
            id: notes.announce
            version: 1.0.0
            intent:
              verbs: [announce, broadcast]
              phrases: ["let everyone know"]
              keywords: [announcement]
              extract:
                urgent: {values: {urgent: "true", asap: "true"}}
            inputs:
              message: {type: string, required: true, fill: text}
              urgent: {type: boolean, default: false}
            steps:
              - id: echo
                worker: test.echo
                version: 1.0.0
                inputs:
                  message: ${inputs.message}
            outputs:
              message: ${steps.echo.message}
            """;

    @TempDir
    Path home;

    private CliWorkspace ws;

    @BeforeEach
    void setUp() {
        ws = new CliWorkspace(home);
        ws.ok("ws", "open", "--path", ws.root().toString());
    }

    @Test
    void aCustomPackageGetsTyposPhrasesAndValueWordsFromItsFile() throws IOException {
        Path dir = Files.createDirectories(ws.root().resolve("packages/notes/announce/v1.0.0"));
        Files.writeString(dir.resolve("package.yaml"), PACKAGE);
        assertThat(ws.ok("package", "validate", "--file", dir.resolve("package.yaml").toString()).outLines().get(0))
                .endsWith(": valid");

        String typo = ws.draftJob("anounce the release is out, urgent");
        assertThat(ws.json("job", "show", "--job-id", typo).toString()).contains("notes.announce").contains("\"urgent\":true");
        String phrase = ws.draftJob("let everyone know that lunch is served");
        assertThat(ws.json("job", "show", "--job-id", phrase).toString()).contains("notes.announce");
    }

    @Test
    void vocabularyMistakesAreFindingsAndTheCheckFails() throws IOException {
        Path file = ws.inputs().resolve("package.yaml");
        Files.writeString(file, PACKAGE.replace("urgent: {values", "loud: {values").replace("[announce, broadcast]",
                "[announce, \"shout out\"]"));

        InProcessBit.Result result = ws.bit().run("package", "validate", "--file", file.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out() + result.err()).contains("intent.extract.loud").contains("intent.verbs");
    }
}
