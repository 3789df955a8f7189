package io.concierge.cli;

import io.concierge.cli.agent.AgentCommand;
import io.concierge.cli.agent.AgentsCommand;
import io.concierge.cli.approval.ApproveCommand;
import io.concierge.cli.approval.DenyCommand;
import io.concierge.cli.config.ConfigCommand;
import io.concierge.cli.intent.IntentCommand;
import io.concierge.cli.key.KeyCommand;
import io.concierge.cli.job.JobCommand;
import io.concierge.cli.pkg.PackageCommand;
import io.concierge.cli.plan.PlanCommand;
import io.concierge.cli.quickstart.QuickstartCommand;
import io.concierge.cli.report.AuditCommand;
import io.concierge.cli.report.CacheCommand;
import io.concierge.cli.report.MetricsCommand;
import io.concierge.cli.report.ReportCommand;
import io.concierge.cli.report.StatsCommand;
import io.concierge.cli.run.ArtifactsCommand;
import io.concierge.cli.run.HaltCommand;
import io.concierge.cli.run.WaitCommand;
import io.concierge.cli.serve.ServeCommand;
import io.concierge.cli.submit.SubmitCommand;
import io.concierge.cli.run.RunCommand;
import io.concierge.cli.run.StatusCommand;
import io.concierge.cli.run.TailCommand;
import io.concierge.cli.workspace.InitCommand;
import io.concierge.cli.workspace.WsCommand;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bit} command line: the root command, its subcommands, the output streams and the
 * failure handling that gives every error one line on standard error and its exit code.
 *
 * <pre>{@code
 * StringWriter out = new StringWriter(), err = new StringWriter();
 * int exit = BitCommandLine.create(environment, new PrintWriter(out), new PrintWriter(err))
 *         .execute("job", "list");
 * }</pre>
 */
public final class BitCommandLine {
    /** The subcommands of {@code bit}, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(
            QuickstartCommand.class,
            InitCommand.class,
            SubmitCommand.class,
            WsCommand.class,
            IntentCommand.class,
            JobCommand.class,
            PlanCommand.class,
            ApproveCommand.class,
            DenyCommand.class,
            RunCommand.class,
            HaltCommand.class,
            WaitCommand.class,
            StatusCommand.class,
            TailCommand.class,
            ArtifactsCommand.class,
            AuditCommand.class,
            MetricsCommand.class,
            ReportCommand.class,
            StatsCommand.class,
            CacheCommand.class,
            PackageCommand.class,
            ConfigCommand.class,
            KeyCommand.class,
            AgentCommand.class,
            AgentsCommand.class,
            ServeCommand.class,
            CompletionCommand.class);

    private final CliEnvironment environment;
    private final PrintWriter out;
    private final PrintWriter err;

    private BitCommandLine(CliEnvironment environment, PrintWriter out, PrintWriter err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    /** A command line wired to the process's environment and standard streams. */
    public static BitCommandLine forProcess() {
        // UTF-8 regardless of the locale: intent texts and paths are not always ASCII.
        return create(CliEnvironment.ofProcess(),
                utf8(new FileOutputStream(FileDescriptor.out)),
                utf8(new FileOutputStream(FileDescriptor.err)));
    }

    /** A command line for the given environment that prints to {@code out} and {@code err}. */
    public static BitCommandLine create(CliEnvironment environment, PrintWriter out, PrintWriter err) {
        return new BitCommandLine(environment, out, err);
    }

    /** Runs {@code bit args...} and returns its exit code. */
    public int execute(String... args) {
        return commandLine(args).execute(args);
    }

    /**
     * The picocli command line for these arguments. Building picocli's model of a command costs
     * reflection over all its options, which is most of a short command's run time in a fresh
     * JVM; so only the subcommand the arguments name is added, and all of them only when none
     * is named (help, usage errors).
     */
    CommandLine commandLine(String... args) {
        FailureReporter failures = new FailureReporter(environment.debug());
        CommandLine commandLine = new CommandLine(new BitCommand(environment));
        String named = commandName(args);
        for (Class<?> command : COMMANDS) {
            if (named == null || named.equals(command.getAnnotation(Command.class).name())) {
                commandLine.addSubcommand(new CommandLine(command));
            }
        }
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(failures);
        commandLine.setParameterExceptionHandler(failures);
        commandLine.setExecutionStrategy(parsed -> {
            try {
                checkJobArguments(parsed);
                return new CommandLine.RunLast().execute(parsed);
            } finally {
                out.flush();
                err.flush();
            }
        });
        return commandLine;
    }

    /** Checks the job argument of the command to run before it opens any workspace. */
    private static void checkJobArguments(CommandLine.ParseResult parsed) {
        List<CommandLine> commands = parsed.asCommandLineList();
        if (commands.stream().anyMatch(c -> c.isUsageHelpRequested() || c.isVersionHelpRequested())) {
            return;
        }
        commands.get(commands.size() - 1).getCommandSpec().mixins().values().stream()
                .map(mixin -> mixin.userObject())
                .filter(JobArgument.class::isInstance)
                .forEach(argument -> ((JobArgument) argument).check());
    }

    /** The whole command tree, every subcommand added: for completion scripts and the reference. */
    CommandLine fullCommandLine() {
        return commandLine();
    }

    /** The subcommand the arguments name, or null when there is none or it is unknown. */
    static String commandName(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--workspace")) {
                i++;
            } else if (!arg.startsWith("-")) {
                for (Class<?> command : COMMANDS) {
                    if (command.getAnnotation(Command.class).name().equals(arg)) {
                        return arg;
                    }
                }
                return null;
            }
        }
        return null;
    }

    private static PrintWriter utf8(FileOutputStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }
}
