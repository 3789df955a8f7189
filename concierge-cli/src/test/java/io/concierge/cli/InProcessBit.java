package io.concierge.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code bit} in this JVM with a made-up home, environment and working directory, and
 * captures what it prints.
 */
public final class InProcessBit {
    private final Path home;
    private final Map<String, String> variables = new HashMap<>();
    private Path workingDirectory;
    private boolean interactive;

    /** A {@code bit} whose home (and working directory, until changed) is {@code home}. */
    public InProcessBit(Path home) {
        this.home = home;
        this.workingDirectory = home;
    }

    /** Sets an environment variable for later runs. */
    public InProcessBit variable(String name, String value) {
        variables.put(name, value);
        return this;
    }

    /** Changes the working directory for later runs. */
    public InProcessBit workingDirectory(Path value) {
        workingDirectory = value;
        return this;
    }

    /** Pretends standard output is (or is not) a terminal. */
    public InProcessBit interactive(boolean value) {
        interactive = value;
        return this;
    }

    /** The home folder. */
    public Path home() {
        return home;
    }

    /** Runs {@code bit args...}. */
    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(variables, home, workingDirectory, interactive, "alice");
        int exitCode = BitCommandLine.create(environment, new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /**
     * What one run printed and returned.
     *
     * @param exitCode the exit code
     * @param out      standard output
     * @param err      standard error
     */
    public record Result(int exitCode, String out, String err) {
        /** Standard output's lines. */
        public List<String> outLines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n", -1)).subList(0, out.split("\n", -1).length
                    - (out.endsWith("\n") ? 1 : 0));
        }

        /** Standard error's lines. */
        public List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\n", -1)).subList(0, err.split("\n", -1).length
                    - (err.endsWith("\n") ? 1 : 0));
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }
}
