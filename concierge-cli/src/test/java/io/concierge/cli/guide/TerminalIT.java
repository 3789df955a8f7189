package io.concierge.cli.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code bit} in a real pseudo-terminal (util-linux {@code script}) against the same commands
 * piped: the redrawn progress line and the completion scripts, seen as a user's shell sees them.
 */
class TerminalIT {
    @RegisterExtension
    final GuideShell shell = new GuideShell();

    /** An approved test.echo job that takes {@code seconds}, reporting progress as it waits. */
    private String slowJob(double seconds) throws Exception {
        GuideShell.Result submitted = shell.bit(shell.work(), "submit", "echo slowly", "--input",
                "delay_seconds=" + seconds, "--approve");
        assertThat(submitted.exitCode()).as(submitted.toString()).isZero();
        return submitted.out().strip();
    }

    /** Runs a shell command line inside a pseudo-terminal; returns everything the terminal showed. */
    private GuideShell.Result inTerminal(String commandLine) throws Exception {
        return shell.run(List.of("script", "-q", "-e", "-c", commandLine, "/dev/null"), shell.work(),
                Map.of("TERM", "xterm"));
    }

    @Test
    void aRunOnATerminalRedrawsOneProgressLineAndAPipedRunDoesNot() throws Exception {
        String onTerminal = slowJob(2);
        GuideShell.Result shown = inTerminal("bit run " + onTerminal);
        assertThat(shown.exitCode()).as(shown.toString()).isZero();
        assertThat(shown.out()).contains("\r\u001b[K").containsPattern("echo  \\d+%  0:0\\d elapsed")
                .contains("step echo completed");

        String piped = slowJob(1);
        GuideShell.Result plain = shell.bit(shell.work(), "run", piped);
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(plain.err()).contains("step echo completed").doesNotContain("\r").doesNotContain("\u001b")
                .doesNotContain("elapsed");
    }

    @Test
    void bashCompletesCommandsSubcommandsAndOptions() throws Exception {
        String complete = "source <(bit completion bash); "
                + "complete_line() { COMP_WORDS=($1); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE=\"$1\"; "
                + "COMP_POINT=${#COMP_LINE}; _complete_bit; printf '%s\\n' \"${COMPREPLY[@]}\"; }; "
                + "echo '# 1'; complete_line 'bit subm'; echo '# 2'; complete_line 'bit job li'; "
                + "echo '# 3'; complete_line 'bit job list --sta'";
        GuideShell.Result completions = shell.run(List.of("bash", "-c", complete), shell.work(), Map.of());
        assertThat(completions.exitCode()).as(completions.toString()).isZero();
        assertThat(completions.out()).contains("# 1\nsubmit\n").contains("# 2\nlist\n").contains("# 3\n--status\n");
    }
}
