package io.perfect21.p21mon.cli;

import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlockingReader;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The keys of a {@code --watch} view on a terminal: q (or Ctrl-C, a key here) ends it, at once, by interrupting the
 * thread that watches. Inside {@code p21mon shell} the keys come from the shell's own terminal, in raw mode with no
 * signal keys, by a reader that stops when the view ends: every key typed after q or Ctrl-C stays for the shell's
 * next prompt. Run from a shell of the operating system, {@code /dev/tty} is put in non-canonical mode through
 * {@code stty} (no terminal library to start) and Ctrl-C stays SIGINT, which ends the process.
 */
final class WatchKeys implements AutoCloseable {
    private static final long POLL_MILLIS = 100;

    private final AtomicBoolean quit = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private Runnable restore = () -> { };
    private Thread reader;
    private boolean fromShell;

    private WatchKeys() {
    }

    /** Keys for the view {@code watcher} runs: from the shell's terminal, /dev/tty, or none when not a terminal. */
    static WatchKeys open(Services s, Thread watcher) {
        WatchKeys keys = new WatchKeys();
        if (s.shellTerminal() != null) {
            keys.fromShell(s.shellTerminal(), watcher);
        } else if (s.terminal()) {
            keys.fromTty(watcher);
        }
        return keys;
    }

    /** Whether q or Ctrl-C was pressed. */
    boolean quit() {
        return quit.get();
    }

    private void pressed(int key, Thread watcher) {
        if (key == 'q' || key == 'Q' || key == 3) {
            quit.set(true);
            watcher.interrupt();
        }
    }

    private void fromShell(Terminal terminal, Thread watcher) {
        fromShell = true;
        Attributes saved = terminal.enterRawMode();
        Attributes raw = terminal.getAttributes();
        raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
        terminal.setAttributes(raw);
        restore = () -> terminal.setAttributes(saved);
        NonBlockingReader keys = terminal.reader();
        reader = new Thread(() -> {
            try {
                while (!closed.get() && !quit.get()) {
                    int key = keys.read(POLL_MILLIS);
                    if (key == NonBlockingReader.EOF) {
                        return;
                    }
                    pressed(key, watcher);
                }
            } catch (IOException e) {
                // the terminal is gone: the view runs on until interrupted
            }
        }, "watch-keys");
        reader.setDaemon(true);
        reader.start();
    }

    private void fromTty(Thread watcher) {
        File tty = new File("/dev/tty");
        String saved;
        try {
            saved = stty(tty, "-g").strip();
            stty(tty, "-icanon", "-echo", "min", "1");
        } catch (IOException | InterruptedException e) {
            return;
        }
        restore = () -> {
            try {
                stty(tty, saved);
            } catch (IOException | InterruptedException ignored) {
                // the terminal is gone
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(restore, "restore-tty"));
        reader = new Thread(() -> {
            try (InputStream in = new FileInputStream(tty)) {
                int c;
                while (!quit.get() && (c = in.read()) >= 0) {
                    pressed(c, watcher);
                }
            } catch (IOException ignored) {
                // no terminal to read: Ctrl-C still ends the process
            }
        }, "watch-keys");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Stops reading keys and restores the terminal. In the shell it first waits for the reader to stop, so it takes no
     * further key; the interrupt a key sent the watching thread is taken back, as the key was the way to end it.
     */
    @Override
    public void close() {
        closed.set(true);
        boolean interrupted = Thread.interrupted();
        if (reader != null && fromShell) {
            try {
                reader.join(10 * POLL_MILLIS);
            } catch (InterruptedException e) {
                interrupted = true; // the key's own interrupt, sent as the reader ends
            }
        }
        restore.run();
        if (quit.get()) {
            Thread.interrupted();
        } else if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static String stty(File tty, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("stty"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(tty).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("stty failed");
        }
        return out;
    }
}
