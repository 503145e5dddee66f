package io.perfect21.p21mon.cli;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The read–run loop of {@code p21mon shell}: reads a command line with completion and history, runs it through the
 * same command tree as {@code p21mon} itself (same parsing, output and exit codes), and shows a failed command's exit
 * code in the next prompt. Ctrl-C interrupts the running command, not the shell; Ctrl-D, {@code exit} or
 * {@code quit} leave; {@code reload} forgets the loaded configuration so the next command reads the file again.
 */
final class Shell {
    /** Words the shell itself answers rather than p21mon's commands. */
    static final List<String> OWN_WORDS = List.of("exit", "quit", "reload");

    private final Terminal terminal;
    private final Services services;
    private final ConfigCache configs = new ConfigCache();
    private final Path historyFile;

    Shell(Terminal terminal, Services services, Path historyFile) {
        this.terminal = terminal;
        this.services = services.withConfigCache(configs);
        this.historyFile = historyFile;
    }

    /** Runs until end of input or {@code exit}; returns the exit code of the last command. */
    int run() {
        PrintWriter out = terminal.writer();
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("p21mon")
                .completer(new ShellCompleter(P21mon.commandLine(services, out, out).getCommandSpec()))
                .variable(LineReader.HISTORY_FILE, historyFile)
                .build();
        int last = ExitCodes.OK;
        while (true) {
            String line;
            try {
                line = reader.readLine(last == ExitCodes.OK ? "p21mon> " : "p21mon [" + last + "]> ");
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            List<String> words = reader.getParsedLine().words().stream().filter(w -> !w.isEmpty()).toList();
            if (words.isEmpty()) {
                continue;
            }
            String first = words.get(0);
            if (first.equals("exit") || first.equals("quit")) {
                break;
            }
            if (first.equals("reload")) {
                configs.clear();
                out.println("configuration will be read again by the next command");
                out.flush();
                continue;
            }
            if (first.equals("shell")) {
                out.println("p21mon: already in the shell");
                out.flush();
                last = ExitCodes.USAGE;
                continue;
            }
            last = execute(words.toArray(String[]::new), out);
        }
        return last;
    }

    /** Runs one command line on a thread of its own, so Ctrl-C can interrupt it while the shell waits. */
    private int execute(String[] args, PrintWriter out) {
        AtomicReference<Integer> code = new AtomicReference<>(ExitCodes.FAILED);
        Thread worker = new Thread(() -> code.set(P21mon.commandLine(services, out, out, args).execute(args)),
                "p21mon-shell-command");
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> worker.interrupt());
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
        }
        out.flush();
        return code.get();
    }
}
