package io.concierge.api.workspace;

/**
 * One problem a validation found.
 *
 * @param subject what is wrong, e.g. {@code job.yaml:inputs.audio_file} or {@code package.yaml:steps[0].worker}
 * @param message what is wrong with it and what to do
 *
 * @since 0.1.0
 */
public record Finding(String subject, String message) {
    /** As {@code bit} prints it: {@code subject: message}. */
    @Override
    public String toString() {
        return subject + ": " + message;
    }
}
