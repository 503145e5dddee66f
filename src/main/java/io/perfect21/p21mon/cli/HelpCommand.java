package io.perfect21.p21mon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code help [COMMAND...]} at every level: {@code p21mon help audit log} and {@code p21mon audit help log} both show
 * the help of {@code audit log}. Built in code, not from annotations (start-up time, as the root); {@code P21mon}
 * adds one to every command that has subcommands.
 */
final class HelpCommand implements IHelpCommandInitializable2, Runnable {
    private CommandLine self;
    private Help.ColorScheme colors;
    private final PositionalParamSpec names = PositionalParamSpec.builder().paramLabel("COMMAND").arity("0..*")
            .type(List.class).auxiliaryTypes(String.class).initialValue(new ArrayList<String>())
            .description("The command to explain, with its subcommands: audit log.").build();

    private HelpCommand() {
    }

    /** A {@code help} subcommand, ready to add to a command group. */
    static CommandLine commandLine() {
        HelpCommand help = new HelpCommand();
        CommandSpec spec = CommandSpec.wrapWithoutInspection(help).name("help").helpCommand(true);
        spec.usageMessage().description("Show the help of a command, at any depth: p21mon help audit log.");
        spec.addPositional(help.names);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        return new CommandLine(spec);
    }

    @Override
    public void init(CommandLine helpCommandLine, Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        List<String> path = names.getValue();
        for (String name : path == null ? List.<String>of() : path) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null || next == self) {
                List<String> known = new ArrayList<>();
                target.getSubcommands().forEach((n, c) -> {
                    if (!n.equals("help") && !c.getCommandSpec().usageMessage().hidden()) {
                        known.add(n); // hidden commands (generate-completion) stay hidden here too
                    }
                });
                throw new CommandLine.ParameterException(self, "'" + target.getCommandSpec().qualifiedName() + "' has no command '"
                        + name + "'; its commands: " + String.join(", ", known));
            }
            target = next;
        }
        target.usage(self.getOut(), colors);
        self.getOut().flush();
    }
}
