package io.concierge.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;

/**
 * Writes {@code docs/cli.md}, the command reference, from the command definitions themselves:
 * every command's usage as {@code bit CMD --help} prints it, so the reference cannot drift from
 * the code ({@code CliReferenceTest} fails when the committed file is out of date).
 *
 * <pre>
 * java -cp concierge-cli/target/bit.jar io.concierge.cli.CliReference docs/cli.md
 * </pre>
 */
public final class CliReference {
    /** Usage text is wrapped at this width, whatever the terminal, so the file is stable. */
    static final int WIDTH = 100;

    private CliReference() {
    }

    /**
     * Writes the reference to the file given as the only argument.
     *
     * @param args the output file
     * @throws IOException when it cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CliReference OUTPUT.md");
            System.exit(2);
        }
        Files.writeString(Path.of(args[0]), markdown(), StandardCharsets.UTF_8);
    }

    /**
     * The whole reference as Markdown.
     *
     * @return the text of docs/cli.md
     */
    public static String markdown() {
        CliEnvironment environment = new CliEnvironment(Map.of(), Path.of("/"), Path.of("/"), false, "user");
        PrintWriter sink = new PrintWriter(new StringWriter());
        CommandLine root = BitCommandLine.create(environment, sink, sink).fullCommandLine();
        StringBuilder text = new StringBuilder("""
                # bit command reference

                Generated from the command definitions by `io.concierge.cli.CliReference`; do not edit by
                hand. Regenerate with
                `java -cp concierge-cli/target/bit.jar io.concierge.cli.CliReference docs/cli.md`.
                Every command also prints its part with `--help`.

                """);
        append(text, root);
        return text.toString();
    }

    private static void append(StringBuilder text, CommandLine command) {
        command.setUsageHelpWidth(WIDTH);
        String name = command.getCommandSpec().qualifiedName(" ");
        text.append("## ").append(name).append("\n\n```\n")
                .append(command.getUsageMessage(Help.Ansi.OFF).stripTrailing()).append("\n```\n\n");
        command.getSubcommands().values().forEach(sub -> append(text, sub));
    }
}
