package io.concierge.cli.workspace;

import java.nio.file.Path;

/**
 * The workspace an invocation of {@code bit} uses, and why that one.
 *
 * @param path        its absolute folder
 * @param environment the {@code $CONCIERGE_ENV} in force ({@code default} when unset)
 * @param source      which rule chose it
 */
public record ResolvedWorkspace(Path path, String environment, Source source) {

    /** The rules, strongest first. */
    public enum Source {
        /** {@code --workspace PATH}. */
        OPTION,
        /** {@code $CONCIERGE_WORKSPACE}. */
        VARIABLE,
        /** The folder {@code bit ws open} remembered for the environment. */
        REMEMBERED,
        /** {@code ~/workspace}. */
        DEFAULT
    }

    /** Why this workspace, in words: {@code --workspace}, {@code bit ws open (environment dev)}. */
    public String reason() {
        switch (source) {
            case OPTION:
                return "--workspace";
            case VARIABLE:
                return "$CONCIERGE_WORKSPACE";
            case REMEMBERED:
                return "bit ws open (environment " + environment + ")";
            default:
                return "default (~/workspace)";
        }
    }
}
