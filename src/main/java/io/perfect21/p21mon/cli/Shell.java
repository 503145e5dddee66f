package io.perfect21.p21mon.cli;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The read–run loop of {@code p21mon shell}: reads a command line, runs it through the same command tree as
 * {@code p21mon} itself (same parsing, output and exit codes). On a terminal ({@link #interactive}) with prompts,
 * completion and history, a failed command's exit code in the next prompt, and Ctrl-C ending the running command only;
 * from a pipe ({@link #piped}) with no prompt at all, the commands' own output on stdout and stderr, and the exit
 * status of the first command that failed. {@code exit}/{@code quit} leave; {@code reload} forgets the loaded
 * configuration so the next command reads the file again.
 */
final class Shell {
    /** Words the shell itself answers rather than p21mon's commands. */
    static final List<String> OWN_WORDS = List.of("exit", "quit", "reload");
    /** The exit code of a command that Ctrl-C ended, as bash gives it (128 + SIGINT). */
    static final int INTERRUPTED = 130;

    private final ConfigCache configs = new ConfigCache();
    private final Services services;

    Shell(Services services) {
        this.services = services.withConfigCache(configs);
    }

    /** Runs on a terminal until Ctrl-D or {@code exit}; returns the exit code of the last command. */
    int interactive(Terminal terminal, Path historyFile) {
        Services lent = services.withShellTerminal(terminal);
        PrintWriter screen = terminal.writer();
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("p21mon")
                .completer(new ShellCompleter(Completion.decorate(P21mon.commandLine(lent, screen, screen)),
                        lent.workDir()))
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
            Integer code = line(reader.getParsedLine().words(), screen, screen, args -> execute(terminal, lent, args));
            if (code == null) {
                break;
            }
            last = code;
        }
        return last;
    }

    /**
     * Runs each line of {@code in} in turn (blank lines and {@code #} comments skipped), printing no prompt: the
     * commands write to {@code out} and {@code err}. Returns the exit code of the first command that failed, 0 when
     * none did; every line runs either way, as {@code sh script} runs every line.
     */
    int piped(BufferedReader in, PrintWriter out, PrintWriter err) throws IOException {
        Parser parser = new DefaultParser().eofOnUnclosedQuote(true);
        int first = ExitCodes.OK;
        int number = 0;
        String line;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.strip().startsWith("#")) {
                continue;
            }
            Integer code;
            try {
                List<String> words = parser.parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE).words();
                code = line(words, out, err, args -> {
                    int c = P21mon.commandLine(services, out, err, args).execute(args);
                    out.flush();
                    err.flush();
                    return c;
                });
            } catch (SyntaxError e) {
                err.println("p21mon: shell: line " + number + ": " + e.getMessage());
                err.flush();
                code = ExitCodes.USAGE;
            }
            if (code == null) {
                break;
            }
            if (first == ExitCodes.OK) {
                first = code;
            }
        }
        return first;
    }

    /** One command line: the shell's own words, or a p21mon command given to {@code run}; null to leave. */
    private Integer line(List<String> typed, PrintWriter out, PrintWriter err, java.util.function.ToIntFunction<String[]> run) {
        List<String> words = typed.stream().filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty()) {
            return ExitCodes.OK;
        }
        String first = words.get(0);
        if (first.equals("exit") || first.equals("quit")) {
            return null;
        }
        if (first.equals("reload")) {
            configs.clear();
            err.println("configuration will be read again by the next command");
            err.flush();
            return ExitCodes.OK;
        }
        if (first.equals("shell")) {
            err.println("p21mon: already in the shell");
            err.flush();
            return ExitCodes.USAGE;
        }
        return run.applyAsInt(words.toArray(String[]::new));
    }

    /**
     * Runs one command line on a thread of its own, so Ctrl-C (SIGINT, the terminal in its normal mode) can interrupt
     * it while the shell waits. After Ctrl-C nothing the command still writes reaches the screen (no "interrupted"
     * errors), the terminal does not echo {@code ^C}, and the command's exit code is {@link #INTERRUPTED}. Keys typed
     * meanwhile stay in the terminal's buffer for the next prompt. A command that reads keys itself ({@code top},
     * {@code health --watch}) takes the terminal out of that mode and gets Ctrl-C as a key.
     */
    private static int execute(Terminal terminal, Services lent, String[] args) {
        AtomicBoolean interrupted = new AtomicBoolean();
        PrintWriter screen = new PrintWriter(new UntilInterrupted(terminal.writer(), interrupted));
        AtomicReference<Integer> code = new AtomicReference<>(ExitCodes.FAILED);
        Thread worker = new Thread(() -> code.set(P21mon.commandLine(lent, screen, screen, args).execute(args)),
                "p21mon-shell-command");
        Attributes saved = terminal.getAttributes();
        Attributes running = new Attributes(saved);
        running.setLocalFlag(Attributes.LocalFlag.ECHOCTL, false);
        terminal.setAttributes(running);
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> {
            interrupted.set(true);
            worker.interrupt();
        });
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            terminal.setAttributes(saved);
        }
        screen.flush();
        terminal.writer().flush();
        return interrupted.get() ? INTERRUPTED : code.get();
    }

    /** The terminal's writer until Ctrl-C; after it, writes go nowhere. */
    private static final class UntilInterrupted extends Writer {
        private final PrintWriter screen;
        private final AtomicBoolean interrupted;

        UntilInterrupted(PrintWriter screen, AtomicBoolean interrupted) {
            this.screen = screen;
            this.interrupted = interrupted;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            if (!interrupted.get()) {
                screen.write(buf, off, len);
            }
        }

        @Override
        public void flush() {
            if (!interrupted.get()) {
                screen.flush();
            }
        }

        @Override
        public void close() {
            flush();
        }
    }
}
