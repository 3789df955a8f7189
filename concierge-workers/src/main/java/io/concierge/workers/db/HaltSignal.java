package io.concierge.workers.db;

import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerContext.HaltedException;

/**
 * Whether a backup step must stop: its run was halted, or its thread was interrupted (the
 * runner's way of cancelling a step that does not poll). Both end the step the same way.
 */
final class HaltSignal {
    private final WorkerContext context;

    HaltSignal(WorkerContext context) {
        this.context = context;
    }

    /** Whether work should stop now; cheap enough to call from SQLite's progress callback. */
    boolean requested() {
        return context.isHalted() || Thread.currentThread().isInterrupted();
    }

    /** Throws {@link HaltedException} when work should stop. */
    void check() {
        context.checkHalted();
        if (Thread.currentThread().isInterrupted()) {
            throw new HaltedException("step " + context.stepId() + " of job " + context.jobId() + " was interrupted");
        }
    }
}
