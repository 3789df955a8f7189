package io.concierge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/cli.md is generated from the command definitions and must be kept up to date. */
class CliReferenceTest {
    @Test
    void theCommittedReferenceMatchesTheCommands() throws Exception {
        Path committed = Path.of("../docs/cli.md");
        String generated = CliReference.markdown();
        assertThat(Files.readString(committed, StandardCharsets.UTF_8))
                .as("docs/cli.md is out of date: regenerate it with "
                        + "java -cp concierge-cli/target/bit.jar io.concierge.cli.CliReference docs/cli.md")
                .isEqualTo(generated);
        assertThat(generated).contains("## bit submit").contains("## bit job list").contains("--for=completed|ended");
    }
}
