package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.cli.render.Style;
import io.perfect21.p21mon.cli.render.TopScreen;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The full-screen loop of {@code p21mon top}: the alternate screen, raw keys, and JLine's {@link Display}, which
 * rewrites only the cells that changed (no flicker). It waits for a key at most until the next tick, so between ticks
 * it costs next to nothing; a resize (SIGWINCH) redraws within a quarter of a second at the new size.
 */
final class TopDisplay {
    private static final long RESIZE_POLL_MILLIS = 250;

    private final TopFeed feed;
    private final String host;
    private final Duration interval;
    private final double diskWarning;
    private final Style style;

    TopDisplay(TopFeed feed, String host, Duration interval, double diskWarning, boolean color) {
        this.feed = feed;
        this.host = host;
        this.interval = interval;
        this.diskWarning = diskWarning;
        this.style = new Style(color);
    }

    /**
     * Runs on {@code shellTerminal} (borrowed from {@code p21mon shell}, left open) or, when null, on a terminal of
     * its own. A second terminal inside the shell would leave its reader waiting on the keyboard after {@code top}
     * ends, taking the shell's next key.
     */
    int run(Terminal shellTerminal) throws IOException {
        if (shellTerminal != null) {
            show(shellTerminal);
            return ExitCodes.OK;
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("p21mon top").build()) {
            show(terminal);
        }
        return ExitCodes.OK;
    }

    private void show(Terminal terminal) throws IOException {
        Attributes saved = terminal.enterRawMode();
        // Ctrl-C is a key here (quit), not SIGINT: the view ends cleanly and the screen is restored
        Attributes raw = terminal.getAttributes();
        raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
        terminal.setAttributes(raw);
        AtomicBoolean resized = new AtomicBoolean();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.WINCH, s -> resized.set(true));
        terminal.puts(Capability.enter_ca_mode);
        terminal.puts(Capability.cursor_invisible);
        terminal.flush();
        try {
            loop(terminal, resized);
        } finally {
            terminal.puts(Capability.exit_ca_mode);
            terminal.puts(Capability.cursor_normal);
            terminal.handle(Terminal.Signal.WINCH, previous);
            terminal.setAttributes(saved);
            terminal.flush();
        }
    }

    private void loop(Terminal terminal, AtomicBoolean resized) throws IOException {
        Display display = new Display(terminal, true);
        Size size = terminal.getSize();
        display.resize(size.getRows(), size.getColumns());
        NonBlockingReader keys = terminal.reader();
        TopScreen.Sort sort = TopScreen.Sort.STATUS;
        boolean paused = false;
        boolean help = false;
        long nextTick = 0;
        boolean dirty = true;
        while (true) {
            long now = System.nanoTime();
            if (now >= nextTick) {
                if (!paused) {
                    feed.tick();
                }
                nextTick = now + interval.toNanos();
                dirty = true;
            }
            if (resized.getAndSet(false)) {
                size = terminal.getSize();
                display.clear();
                display.resize(size.getRows(), size.getColumns());
                dirty = true;
            }
            if (dirty) {
                List<AttributedString> lines = TopScreen.draw(feed.view(host, interval, diskWarning, sort, paused, help),
                        size.getColumns(), size.getRows(), style).stream().map(AttributedString::fromAnsi)
                        .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new)); // Display edits it
                display.update(lines, -1);
                terminal.flush();
                dirty = false;
            }
            // wake at the next tick, or sooner to notice a resize (a signal does not end the wait)
            long waitMillis = Math.max(1, Math.min(RESIZE_POLL_MILLIS, (nextTick - System.nanoTime()) / 1_000_000));
            int key = keys.read(waitMillis);
            if (key == NonBlockingReader.READ_EXPIRED) {
                continue;
            }
            dirty = true;
            if (key == NonBlockingReader.EOF || key == 'q' || key == 'Q' || key == 3) {
                return;
            }
            if (key >= 0 && help) {
                help = false;
            } else if (key == 'h' || key == 'H' || key == '?') {
                help = true;
            } else if (key == 's' || key == 'S') {
                sort = sort.next();
            } else if (key == 'p' || key == 'P') {
                paused = !paused;
            }
        }
    }
}
