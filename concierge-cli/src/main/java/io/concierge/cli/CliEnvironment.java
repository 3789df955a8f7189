package io.concierge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code bit} reads from the process around it, gathered in one value so that tests can
 * run the whole command line in-process with a made-up home, environment and terminal.
 *
 * <pre>{@code
 * CliEnvironment env = new CliEnvironment(Map.of("CONCIERGE_ENV", "dev"), home, cwd, false, "alice");
 * }</pre>
 *
 * @param variables        environment variables
 * @param home             the user's home folder ({@code ~})
 * @param workingDirectory the folder {@code bit} was started in; relative paths resolve here
 * @param interactive      whether standard output is a terminal (listings then get a header)
 * @param userName         the OS user, the approver when {@code --by} is not given
 * @param errorTerminal    whether standard error is a terminal (a redrawn progress line goes there)
 */
public record CliEnvironment(Map<String, String> variables, Path home, Path workingDirectory, boolean interactive,
                             String userName, boolean errorTerminal) {

    /** Validates and copies. */
    public CliEnvironment {
        variables = Map.copyOf(variables);
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(userName, "userName");
    }

    /**
     * An environment whose standard error is not a terminal (no progress line).
     *
     * @param variables        environment variables
     * @param home             the user's home folder
     * @param workingDirectory the folder bit was started in
     * @param interactive      whether standard output is a terminal
     * @param userName         the OS user
     */
    public CliEnvironment(Map<String, String> variables, Path home, Path workingDirectory, boolean interactive,
                          String userName) {
        this(variables, home, workingDirectory, interactive, userName, false);
    }

    /** The environment of this process. */
    public static CliEnvironment ofProcess() {
        Map<String, String> variables = System.getenv();
        // $HOME first, as the shell's ~ does: Java 17 takes user.home from the password database.
        String home = variables.getOrDefault("HOME", "");
        return new CliEnvironment(variables,
                Path.of(home.isBlank() ? System.getProperty("user.home") : home).toAbsolutePath(),
                Path.of("").toAbsolutePath(),
                // Java 17 has a console only when stdin and stdout are both terminals; scripts never do.
                System.console() != null,
                System.getProperty("user.name", "unknown"),
                isTerminal(2));
    }

    /**
     * Whether a file descriptor of this process is a terminal. Java 17 cannot ask for one
     * descriptor alone, but on Linux /proc names what each one is connected to.
     */
    private static boolean isTerminal(int descriptor) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + descriptor)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /**
     * Whether output may be coloured: only on a terminal, and never when {@code NO_COLOR} is
     * set and not empty (no-color.org) or the terminal is {@code dumb}.
     */
    public boolean colour() {
        return interactive && variable("NO_COLOR").isEmpty() && !"dumb".equals(variables.get("TERM"));
    }

    /** The variable's value, when it is set and not blank. */
    public Optional<String> variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** Whether the user asked for stack traces ({@code BIT_DEBUG=1}). */
    public boolean debug() {
        return "1".equals(variables.get("BIT_DEBUG"));
    }

    /**
     * A path the user typed: {@code ~} and {@code ~/x} are expanded (the shell does not do it
     * after {@code --workspace=}), and relative paths resolve against the working directory.
     */
    public Path resolvePath(String typed) {
        Path path;
        if (typed.equals("~")) {
            path = home;
        } else if (typed.startsWith("~/")) {
            path = home.resolve(typed.substring(2));
        } else {
            path = workingDirectory.resolve(typed);
        }
        return path.toAbsolutePath().normalize();
    }
}
