package io.concierge.api.run;

import java.util.Objects;

/**
 * What the latest run did with one step, read from its event log.
 *
 * @param stepId   the step
 * @param state    {@code pending}, {@code running}, {@code completed}, {@code failed}
 * @param attempts how many attempts started
 * @param duration seconds of the completed or failed attempt, or -1
 * @param error    the failure message, or empty
 *
 * @since 0.1.0
 */
public record StepState(String stepId, String state, int attempts, double duration, String error) {
    /**
     * Validates.
     *
     * @param stepId the step
     * @param state {@code pending}, {@code running}, {@code completed}, {@code failed}
     * @param attempts how many attempts started
     * @param duration seconds of the completed or failed attempt, or -1
     * @param error the failure message, or empty
     */
    public StepState {
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(state, "state");
        error = Objects.requireNonNullElse(error, "");
    }
}
