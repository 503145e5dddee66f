package io.perfect21.p21mon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/**
 * {@code p21mon generate-completion [--shell bash|zsh|fish]} (hidden): prints the completion script, exactly what
 * {@code completions/} holds and {@code install.sh} installs, from the whole command tree {@link Completion#decorate
 * decorated}. A help command to picocli, so no configuration is read and no required option is asked for.
 */
@Command(name = "generate-completion", hidden = true, helpCommand = true, mixinStandardHelpOptions = true,
        description = {"Print the completion script of p21mon for bash (default), zsh or fish: the file completions/ "
                + "holds and install.sh installs."},
        footerHeading = "%nExamples:%n",
        footer = {"  source <(p21mon generate-completion)",
            "  p21mon generate-completion --shell fish > ~/.config/fish/completions/p21mon.fish"})
public final class CompletionCommand implements Runnable {
    /** The shells a script is generated for. */
    enum Dialect { BASH, ZSH, FISH }

    @Spec
    CommandSpec spec;

    @Option(names = "--shell", paramLabel = "SHELL", defaultValue = "bash",
            description = "bash, zsh or fish (default: ${DEFAULT-VALUE}).")
    Dialect shell;

    @Override
    public void run() {
        CommandLine tree = Completion.decorate(P21mon.commandLine(P21mon.services(spec),
                spec.commandLine().getOut(), spec.commandLine().getErr()));
        String bash = CompletionScripts.bash(tree) + "\n";
        String script = switch (shell) {
            case BASH -> bash;
            case ZSH -> CompletionScripts.zsh(bash);
            case FISH -> CompletionScripts.fish(tree);
        };
        PrintWriter out = spec.commandLine().getOut();
        // not println: a script with Windows line ends fails in strange ways
        out.print(script);
        out.flush();
    }
}
