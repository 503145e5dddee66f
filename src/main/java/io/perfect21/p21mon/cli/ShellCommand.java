package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.P21monException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code p21mon shell}: a REPL that runs p21mon commands, with completion and history. */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"An interactive shell that runs any p21mon command line (the same parsing, output and exit "
                + "codes), with Tab completion of commands, options and values, and a history file in the state "
                + "directory (shell_history).",
            "The configuration is read once; 'reload' reads it again. A failed command's exit code shows in the "
                + "next prompt. Ctrl-C stops the running command, Ctrl-D or 'exit' leaves."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  p21mon shell",
            "  p21mon> health -o json",
            "  p21mon> audit query --since 1h",
            "  echo 'health -o nagios' | p21mon shell -q   # reads commands from a pipe too"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the last command succeeded (or none ran)", "n:the exit code of the last command",
            "2:bad usage"})
public final class ShellCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws IOException {
        Path state = options.stateDir();
        try {
            Files.createDirectories(state);
        } catch (IOException e) {
            throw P21monException.failed("cannot create the state directory " + state + " for the shell history: "
                    + IoErrors.describe(e), e);
        }
        spec.commandLine().getOut().flush();
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("p21mon").build()) {
            return new Shell(terminal, P21mon.services(spec), state.resolve("shell_history")).run();
        }
    }
}
