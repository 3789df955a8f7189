package io.concierge.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code bit completion bash|zsh|fish}: prints a shell completion script made from the command
 * definitions themselves, so it never falls behind a new option:
 *
 * <pre>
 * source &lt;(bit completion bash)                             # bash, now or in ~/.bashrc
 * source &lt;(bit completion zsh)                              # zsh
 * bit completion fish &gt; ~/.config/fish/completions/bit.fish  # fish
 * </pre>
 */
@Command(name = "completion", description = "Print a shell completion script: bash, zsh or fish.",
        footer = {"", "  source <(bit completion bash)",
            "  source <(bit completion zsh)",
            "  bit completion fish > ~/.config/fish/completions/bit.fish"})
public final class CompletionCommand extends BitSubcommand {
    @Parameters(index = "0", paramLabel = "SHELL", description = "bash, zsh or fish.")
    private String shell;

    /** Creates the command; picocli fills it. */
    public CompletionCommand() {
    }

    @Override
    public Integer call() {
        CommandLine tree = BitCommandLine.create(bit().environment(), out(), err()).fullCommandLine();
        String script = switch (shell.strip().toLowerCase(Locale.ROOT)) {
            // picocli's script is written for bash and for zsh's bash compatibility layer.
            case "bash" -> AutoComplete.bash("bit", tree);
            case "zsh" -> "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
                    + AutoComplete.bash("bit", tree);
            case "fish" -> fish(tree.getCommandSpec());
            default -> throw new ParameterException(spec.commandLine(),
                    "no completion for '" + shell + "': choose bash, zsh or fish");
        };
        out().print(script);
        return ExitCodes.OK;
    }

    /**
     * A fish script: each subcommand completes once its parents were typed, and each option
     * once its command was; options that take a value ask for one (-r), the others do not.
     */
    static String fish(CommandSpec root) {
        StringBuilder script = new StringBuilder("# bit completions for fish: bit completion fish > ~/.config/fish/completions/bit.fish\n");
        script.append("complete -c bit -f\n");
        addCommand(script, root, List.of());
        return script.toString();
    }

    private static void addCommand(StringBuilder script, CommandSpec command, List<String> path) {
        String seen = path.isEmpty() ? "" : String.join("; and ", path.stream()
                .map(name -> "__fish_seen_subcommand_from " + name).toList());
        List<String> children = new ArrayList<>(command.subcommands().keySet());
        String notYet = children.isEmpty() ? "" : "not __fish_seen_subcommand_from " + String.join(" ", children);
        for (var entry : command.subcommands().entrySet()) {
            CommandSpec child = entry.getValue().getCommandSpec();
            String condition = path.isEmpty() ? "__fish_use_subcommand" : seen + "; and " + notYet;
            script.append("complete -c bit -n '").append(condition).append("' -a ").append(quote(entry.getKey()))
                    .append(" -d ").append(quote(firstLine(child))).append('\n');
        }
        for (OptionSpec option : command.options()) {
            if (option.hidden()) {
                continue;
            }
            StringBuilder line = new StringBuilder("complete -c bit");
            if (!path.isEmpty()) {
                line.append(" -n '").append(seen).append("'");
            }
            for (String name : option.names()) {
                if (name.startsWith("--")) {
                    line.append(" -l ").append(name.substring(2));
                } else if (name.length() == 2) {
                    line.append(" -s ").append(name.substring(1));
                }
            }
            if (option.arity().max() > 0) {
                line.append(" -r");
            }
            String description = option.description().length > 0 ? option.description()[0] : "";
            line.append(" -d ").append(quote(description));
            script.append(line).append('\n');
        }
        for (var entry : command.subcommands().entrySet()) {
            List<String> childPath = new ArrayList<>(path);
            childPath.add(entry.getKey());
            addCommand(script, entry.getValue().getCommandSpec(), childPath);
        }
    }

    private static String firstLine(CommandSpec command) {
        String[] description = command.usageMessage().description();
        return description.length > 0 ? description[0] : "";
    }

    /** Single-quoted for fish, where only backslash and the quote itself need escaping. */
    private static String quote(String text) {
        String oneLine = text.replace('\n', ' ').replaceAll("\\$\\{[A-Z-]+}", "");
        return "'" + oneLine.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
