package io.concierge.core.run;

import io.concierge.core.workspace.AtomicFiles;
import io.concierge.core.workspace.FileWorkspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The request to halt one job's run: a marker file under {@code .concierge/halt/}, so that any
 * process may ask and the runner (in this or another process) sees it at its next check. The
 * file holds who asked and when. The code that started the run may also halt it through its
 * {@link RunControl}, which no other run sees.
 */
final class HaltSignal {
    private final Path marker;
    private final RunControl control;

    private HaltSignal(Path marker, RunControl control) {
        this.marker = marker;
        this.control = control;
    }

    /** The halt signal of {@code jobId} in {@code workspace}. */
    static HaltSignal of(FileWorkspace workspace, String jobId) {
        return of(workspace, jobId, new RunControl());
    }

    /** The halt signal of {@code jobId} in {@code workspace}, which {@code control} raises too. */
    static HaltSignal of(FileWorkspace workspace, String jobId, RunControl control) {
        return new HaltSignal(workspace.stateDir().resolve("halt").resolve(jobId), control);
    }

    /** Leaves the request, naming who asked and when. */
    void request(String by, Instant at) {
        AtomicFiles.write(marker, (by.strip() + "\n" + at + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a halt was asked for. */
    boolean requested() {
        return control.haltReason().isPresent() || Files.exists(marker);
    }

    /** Who asked and when, e.g. {@code ops at 2026-12-01T10:00:00Z}; {@code unknown} when the file says nothing. */
    String requestedBy() {
        if (control.haltReason().isPresent()) {
            return control.haltReason().get();
        }
        try {
            List<String> lines = Files.readAllLines(marker);
            return lines.isEmpty() ? "unknown" : lines.get(0) + (lines.size() > 1 ? " at " + lines.get(1) : "");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Withdraws the request. */
    void clear() {
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            // a stale marker only stops the next run's first step; it is deleted at the next start
        }
    }
}
