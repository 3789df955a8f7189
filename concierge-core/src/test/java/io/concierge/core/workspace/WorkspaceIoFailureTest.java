package io.concierge.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.failure.ConciergeException;
import io.concierge.api.failure.WorkspaceIoException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** I/O failures on workspace files surface as one-line {@link WorkspaceIoException}s, not JDK exceptions. */
class WorkspaceIoFailureTest {
    @TempDir
    Path tmp;

    @Test
    void aFileWhereTheFolderShouldBeIsAWorkspaceFailureNamingIt() throws Exception {
        Path blocker = Files.writeString(tmp.resolve("jobs"), "not a folder");
        Path target = blocker.resolve("j_1").resolve("job.yaml");

        assertThatThrownBy(() -> AtomicFiles.write(target, new byte[] {1}))
                .isInstanceOfSatisfying(WorkspaceIoException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ConciergeException.Kind.INVALID_WORKSPACE);
                    assertThat(e.getMessage()).startsWith("cannot write " + target + " (")
                            .contains("check that the workspace's files can be read and written")
                            .doesNotContain("\n");
                });
    }

    @Test
    void theReasonIsWordsNotTheJdkClassName() {
        WorkspaceIoException e = new WorkspaceIoException("read", tmp, new AccessDeniedException(tmp.toString()));

        assertThat(e.getMessage()).isEqualTo("cannot read " + tmp + " (permission denied); check that the workspace's"
                + " files can be read and written and that its disk has free space");
    }
}
