package io.concierge.core.run;

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

    StepFailure(String type, String message, boolean retryable) {
        super(message, null, false, false);
        this.type = type;
        this.retryable = retryable;
    }

    String type() {
        return type;
    }

    boolean retryable() {
        return retryable;
    }
}
