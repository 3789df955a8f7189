package io.concierge.core.run;

import java.nio.file.Path;
import java.util.Map;

/**
 * A step attempt's failure, normalized from whatever the worker threw: a type the retry policy
 * reads ({@code worker.error}, {@code step.timeout}, a {@code WorkerFailure}'s own type) and
 * whether another attempt may help. Never leaves the run package: the run records it as a
 * {@code step.failed} event and the job as FAILED.
 */
final class StepFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final String type;
    private final boolean retryable;
    /** Complete outputs the worker asked to keep although it failed (a report of what is wrong). */
    private final transient Map<String, Path> kept;

    StepFailure(String type, String message, boolean retryable) {
        this(type, message, retryable, Map.of());
    }

    StepFailure(String type, String message, boolean retryable, Map<String, Path> kept) {
        super(message, null, false, false);
        this.type = type;
        this.retryable = retryable;
        this.kept = Map.copyOf(kept);
    }

    Map<String, Path> kept() {
        return kept == null ? Map.of() : kept;
    }

    String type() {
        return type;
    }

    boolean retryable() {
        return retryable;
    }
}
