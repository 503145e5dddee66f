package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.cli.render.Style;
import io.perfect21.p21mon.cli.render.TopScreen;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * The plain loop of {@code p21mon top} (stdout not a terminal, or {@code --plain}): one whole frame every interval,
 * for cron, pipes and files. The first frame is complete: CPU and network rates over a short real sample (at most a
 * second, taken while the first health run goes on, so it adds no time of its own), the health checks' results and
 * the audit events read up to now. Lines are not cut when stdout is not a terminal; on a terminal they are cut at
 * {@code $COLUMNS} (100 when it is not set).
 */
final class TopPlain {
    /** The CPU and network sample of the first frame (/proc/stat counts in hundredths of a second). */
    static final Duration FIRST_SAMPLE = Duration.ofSeconds(1);

    private final TopFeed feed;
    private final String host;
    private final Duration interval;
    private final double diskWarning;
    private final int width;

    TopPlain(TopFeed feed, String host, Duration interval, double diskWarning, int width) {
        this.feed = feed;
        this.host = host;
        this.interval = interval;
        this.diskWarning = diskWarning;
        this.width = width;
    }

    /** The width plain frames are cut at: none off a terminal, else {@code $COLUMNS} or 100. */
    static int width(Services s) {
        if (!s.terminal()) {
            return Integer.MAX_VALUE;
        }
        try {
            int columns = Integer.parseInt(s.env().getOrDefault("COLUMNS", "").strip());
            return columns > 0 ? columns : 100;
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    /** Prints {@code iterations} frames (0: until interrupted); {@code firstWait} bounds the wait for the checks. */
    int run(PrintWriter out, int iterations, Duration firstWait) throws InterruptedException {
        for (int i = 0; iterations == 0 || i < iterations; i++) {
            if (i == 0) {
                feed.tick();
                Thread.sleep(Math.min(interval.toMillis(), FIRST_SAMPLE.toMillis()));
                feed.tick();
                feed.awaitComplete(firstWait); // past it, the frame says the checks are still running
            } else {
                Thread.sleep(interval.toMillis());
                out.println();
                feed.tick();
            }
            TopScreen.draw(feed.view(host, interval, diskWarning, TopScreen.Sort.STATUS, false, false), width, 0,
                    Style.PLAIN).forEach(out::println);
            out.flush();
        }
        return ExitCodes.OK;
    }
}
