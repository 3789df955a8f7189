package io.concierge.api.pkg;

/**
 * The kinds of value a package input takes; see {@code docs/task-packages.md}.
 *
 * @since 0.1.0
 */
public enum InputType {
    /** A path to an existing file; bound as an absolute path. */
    FILE,
    /** A number, optionally written with a unit; bound in the input's unit. */
    NUMBER,
    /** A whole number, optionally with a unit. */
    INTEGER,
    /** Free text. */
    STRING,
    /** One of a fixed list of words. */
    CHOICE,
    /** true or false. */
    BOOLEAN,
    /**
     * The plain file name of an output in the job's artifacts folder ({@code file_name} in
     * {@code package.yaml}), checked when it is set: no folder, no {@code ..}, no leading dot,
     * no control characters, no reserved device name; see {@link io.concierge.api.worker.OutputNames}.
     */
    FILE_NAME;

    /**
     * The word used in {@code package.yaml}.
     *
     * @return the lower-case word
     */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
