package io.concierge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.failure.AmbiguousIdException;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.failure.IntegrityViolationException;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.InvalidTransitionException;
import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.api.failure.NotFoundException;
import io.concierge.api.job.JobStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FailureReporterTest {
    private final StringWriter err = new StringWriter();

    private int report(Exception failure, boolean debug) {
        CommandLine commandLine = BitCommandLine.create(
                new CliEnvironment(Map.of(), Path.of("/home/x"), Path.of("/home/x"), false, "x"),
                new PrintWriter(new StringWriter()), new PrintWriter(err)).commandLine("job", "list");
        return new FailureReporter(debug).handleExecutionException(failure, commandLine, null);
    }

    @Test
    void exitCodeComesFromTheKind() {
        assertThat(ExitCodes.of(new ConciergeException(ConciergeException.Kind.FAILED, "x"))).isEqualTo(1);
        assertThat(ExitCodes.of(new InvalidInputException("x"))).isEqualTo(2);
        assertThat(ExitCodes.of(new NotFoundException("x"))).isEqualTo(3);
        assertThat(ExitCodes.of(new InvalidTransitionException(JobStatus.DRAFT, JobStatus.APPROVED, "x")))
                .isEqualTo(4);
        assertThat(ExitCodes.of(new InvalidWorkspaceException("x"))).isEqualTo(5);
        assertThat(ExitCodes.of(new AmbiguousIdException("x"))).isEqualTo(6);
        assertThat(ExitCodes.of(new IntegrityViolationException("x"))).isEqualTo(1);
        assertThat(ExitCodes.of(new IllegalStateException("x"))).isEqualTo(70);
    }

    @Test
    void everyKindHasTheDocumentedCode() {
        Map<ConciergeException.Kind, Integer> documented = new java.util.EnumMap<>(ConciergeException.Kind.class);
        for (ConciergeException.Kind kind : ConciergeException.Kind.values()) {
            documented.put(kind, ExitCodes.of(kind));
        }
        // The README's table: 1 failed or tampered, 2 usage, 3 not found, 4 wrong state, 5 broken, 6 ambiguous.
        assertThat(documented).containsEntry(ConciergeException.Kind.FAILED, 1)
                .containsEntry(ConciergeException.Kind.INTEGRITY, 1)
                .containsEntry(ConciergeException.Kind.BAD_REQUEST, 2)
                .containsEntry(ConciergeException.Kind.NOT_FOUND, 3)
                .containsEntry(ConciergeException.Kind.WRONG_STATE, 4)
                .containsEntry(ConciergeException.Kind.INVALID_WORKSPACE, 5)
                .containsEntry(ConciergeException.Kind.AMBIGUOUS, 6);
        assertThat(documented.values()).allSatisfy(code -> assertThat(code).isBetween(1, 6));
    }

    @Test
    void conciergeFailureIsItsMessageOnOneLine() {
        int exit = report(new NotFoundException("no job 'j_9': 'bit job list' shows the jobs"), false);

        assertThat(exit).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("bit: no job 'j_9': 'bit job list' shows the jobs\n");
    }

    @Test
    void multiLineMessagesAreJoined() {
        report(new InvalidWorkspaceException("concierge.json is broken:\n  line 3: unknown key"), false);

        assertThat(err.toString()).isEqualTo("bit: concierge.json is broken: line 3: unknown key\n");
    }

    @Test
    void unexpectedExceptionIsAnInternalErrorWithoutStackTrace() {
        int exit = report(new IllegalStateException("boom"), false);

        assertThat(exit).isEqualTo(70);
        assertThat(err.toString()).isEqualTo("bit: internal error: java.lang.IllegalStateException: boom\n");
    }

    @Test
    void debugAddsTheStackTrace() {
        report(new IllegalStateException("boom"), true);

        assertThat(err.toString()).startsWith("bit: internal error: java.lang.IllegalStateException: boom\n")
                .contains("\tat ");
    }

    @Test
    void messageLessExceptionIsNamedByItsClass() {
        report(new NullPointerException(), false);

        assertThat(err.toString()).isEqualTo("bit: internal error: java.lang.NullPointerException: NullPointerException\n");
    }
}
