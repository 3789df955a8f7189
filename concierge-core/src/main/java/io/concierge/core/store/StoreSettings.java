package io.concierge.core.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code store} section of {@code concierge.json}, as a store factory receives it.
 *
 * @param kind      {@code file} (the default) or {@code postgres}
 * @param workspace the workspace folder (configuration and local scratch in every store)
 * @param options   the section's other keys as text: {@code url}, {@code user}, {@code password_env},
 *                  {@code password_file}, ...; never a password itself
 * @param environment the process environment, where {@code password_env} is looked up
 */
public record StoreSettings(String kind, Path workspace, Map<String, String> options, Map<String, String> environment) {
    /** Copies the maps. */
    public StoreSettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(workspace, "workspace");
        options = Map.copyOf(options);
        environment = Map.copyOf(environment);
    }

    /**
     * One option, or the fallback when it is not set.
     *
     * @param key      the option's key
     * @param fallback the value when absent or empty
     * @return the value
     */
    public String option(String key, String fallback) {
        String value = options.get(key);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
