package io.concierge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command line does before it ever opens a workspace: help, version, usage errors. */
class CommandLineTest {
    @TempDir
    Path home;

    private InProcessBit.Result bit(String... args) {
        return new InProcessBit(home).run(args);
    }

    @Test
    void helpListsEveryCommandAndExitsZero() {
        InProcessBit.Result result = bit("--help");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("Usage: bit", "--workspace=PATH");
        for (String command : new String[] {"quickstart", "init", "ws", "intent", "job", "plan", "approve", "deny",
            "run", "halt", "wait", "status", "tail", "artifacts", "audit", "metrics", "stats", "cache", "package",
            "config", "serve"}) {
            assertThat(result.out()).contains("  " + command + " ");
        }
    }

    @Test
    void waitDocumentsItsTimeoutExitCodeAsDoesTheRootHelp() {
        InProcessBit.Result wait = bit("wait", "--help");
        assertThat(wait.exitCode()).isZero();
        assertThat(wait.out()).contains("--timeout=SECONDS", "7 still running when --timeout ran out");
        assertThat(bit("--help").out()).contains("7 timed out (bit wait)");
        assertThat(ExitCodes.TIMEOUT).isEqualTo(7);
    }

    @Test
    void subcommandHelpShowsItsOptionsAndTheInheritedWorkspace() {
        InProcessBit.Result result = bit("job", "set", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: bit job set", "--job-id=ID", "NAME=VALUE", "--workspace=PATH");
    }

    @Test
    void versionNamesTheBuild() {
        InProcessBit.Result result = bit("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.outLines().get(0)).matches("bit \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void unknownCommandIsOneUsageLine() {
        InProcessBit.Result result = bit("frobnicate");

        assertUsageError(result, "bit: Unmatched argument at index 0: 'frobnicate' (see 'bit --help')");
    }

    @Test
    void unknownFlagIsOneUsageLine() {
        InProcessBit.Result result = bit("job", "list", "--colour");

        assertUsageError(result, "bit: Unknown option: '--colour' (see 'bit job list --help')");
    }

    @Test
    void missingRequiredOptionIsOneUsageLine() {
        InProcessBit.Result result = bit("job", "show");

        assertUsageError(result, "bit: Missing required job: give JOB or --job-id=ID (see 'bit job show --help')");
    }

    @Test
    void badAssignmentIsOneUsageLine() {
        InProcessBit.Result result = bit("job", "set", "--job-id", "j_1", "=value");

        assertThat(result.errLines()).hasSize(1);
        assertThat(result.errLines().get(0)).startsWith("bit: ").contains("'=value' has no input name before '='")
                .endsWith("(see 'bit job set --help')");
        assertThat(result.exitCode()).isEqualTo(2);
    }

    @Test
    void badNumberIsOneUsageLine() {
        InProcessBit.Result result = bit("tail", "--job-id", "j_1", "--lines", "many");

        assertThat(result.errLines()).hasSize(1);
        assertThat(result.errLines().get(0)).contains("'many' is not an int");
        assertThat(result.exitCode()).isEqualTo(2);
    }

    @Test
    void groupWithoutSubcommandNamesTheChoices() {
        InProcessBit.Result result = bit("job");

        assertUsageError(result,
                "bit: missing command: choose one of from-intent, list, show, set, validate (see 'bit job --help')");
    }

    @Test
    void bareBitIsAUsageError() {
        InProcessBit.Result result = bit();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).singleElement().asString().startsWith("bit: missing command: choose one of");
    }

    @Test
    void workspaceOptionMayFollowTheSubcommand() {
        // Both spellings parse; the usage error proves parsing reached the leaf command.
        assertUsageError(bit("--workspace", "/tmp/x", "job", "show"),
                "bit: Missing required job: give JOB or --job-id=ID (see 'bit job show --help')");
        assertUsageError(bit("job", "show", "--workspace", "/tmp/x"),
                "bit: Missing required job: give JOB or --job-id=ID (see 'bit job show --help')");
    }

    private static void assertUsageError(InProcessBit.Result result, String line) {
        assertThat(result.errLines()).as(result.toString()).containsExactly(line);
        assertThat(result.out()).isEmpty();
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void onlyTheNamedSubcommandIsBuilt() {
        assertThat(BitCommandLine.commandName("job", "list")).isEqualTo("job");
        assertThat(BitCommandLine.commandName("--workspace", "run", "status", "--job-id", "x")).isEqualTo("status");
        assertThat(BitCommandLine.commandName("--workspace=/w", "-h", "tail")).isEqualTo("tail");
        assertThat(BitCommandLine.commandName("--help")).isNull();
        assertThat(BitCommandLine.commandName("jobs", "list")).isNull();
        CliEnvironment environment = new CliEnvironment(java.util.Map.of(), home, home, false, "x");
        java.io.PrintWriter sink = new java.io.PrintWriter(java.io.Writer.nullWriter());
        assertThat(BitCommandLine.create(environment, sink, sink).commandLine("job", "list").getSubcommands())
                .containsOnlyKeys("job");
        assertThat(BitCommandLine.create(environment, sink, sink).commandLine("--version").getSubcommands())
                .hasSize(27);
    }

    @Test
    void workspaceValueThatLooksLikeACommandIsNotTakenForOne() {
        assertUsageError(bit("--workspace", "job", "status"),
                "bit: Missing required job: give JOB or --job-id=ID (see 'bit status --help')");
    }
}
