package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.P21monException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code p21mon shell}: a REPL that runs p21mon commands, with completion and history. */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"An interactive shell that runs any p21mon command line (the same parsing, output and exit "
                + "codes), with Tab completion of commands, options and values, and a history file in the state "
                + "directory (shell_history).",
            "The configuration is read once; 'reload' reads it again. A failed command's exit code shows in the "
                + "next prompt. Ctrl-C stops the running command (its exit code is then 130), Ctrl-D or 'exit' leaves.",
            "When stdin is not a terminal (p21mon shell < cmds.txt) it runs each line with no prompt, the commands' "
                + "own output on stdout and stderr, and exits with the code of the first command that failed."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon shell",
            "  p21mon> health -o json",
            "  p21mon> audit query --since 1h",
            "  p21mon shell < cmds.txt   # one command a line, no prompt"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the last command succeeded (or none ran)", "n:the exit code of the last command "
                + "(from a pipe: of the first that failed)", "2:bad usage"})
public final class ShellCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws IOException {
        Shell shell = new Shell(P21mon.services(spec));
        if (!Services.isTerminal(0)) {
            // no terminal to prompt on: no JLine, no prompt, no history; stdout and stderr stay apart
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            return shell.piped(in, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        Path state = options.stateDir();
        try {
            Files.createDirectories(state);
        } catch (IOException e) {
            throw P21monException.failed("cannot create the state directory " + state + " for the shell history: "
                    + IoErrors.describe(e), e);
        }
        spec.commandLine().getOut().flush();
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("p21mon").build()) {
            return shell.interactive(terminal, state.resolve("shell_history"));
        }
    }
}
