package io.perfect21.p21mon.host;

import io.perfect21.p21mon.IoErrors;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * CPU usage over a span: since the {@link CpuSnapshot} the previous run left in the state directory when it is recent
 * enough, else over a real window (reads the CPU times, waits, reads again). OSHI memoises CPU ticks for about a
 * second, so a window much shorter than that reads 0; SPEC's default window is 1000 ms.
 */
public final class CpuSampler {
    private CpuSampler() {
    }

    /**
     * A CPU usage figure and the span it covers.
     *
     * @param ratio       0–1
     * @param spanSeconds how many seconds the figure covers
     * @param sampled     true when measured over a window now, false when since the previous run's snapshot
     * @param warning     why a snapshot file present was not used (corrupt, foreign), or null
     */
    public record Usage(double ratio, double spanSeconds, boolean sampled, String warning) {
    }

    /** Usage ratio 0–1 over the window; interruptible. */
    public static double usage(HostProbe probe, Duration window) throws InterruptedException {
        CpuTimes before = probe.cpuTimes();
        Thread.sleep(window.toMillis());
        return probe.cpuTimes().usageSince(before);
    }

    /**
     * The usage since the snapshot in {@code file} when that snapshot is older than {@code window} and at most
     * {@code maxAge} old, and its counters advanced as this host's would have (no reboot, same host); else the usage
     * sampled over {@code window}. Either way the counters read now replace the snapshot (atomically: concurrent runs
     * leave one whole snapshot). A file that cannot be parsed, or whose counters are not this host's, is reported in
     * {@link Usage#warning()} and replaced; a state directory that cannot be written is not an error here.
     */
    public static Usage usage(HostProbe probe, Duration window, Path file, Duration maxAge, Clock clock)
            throws InterruptedException {
        CpuSnapshot previous = null;
        String warning = null;
        try {
            previous = CpuSnapshot.read(file);
        } catch (NoSuchFileException e) {
            // the first run: sample
        } catch (IOException | IllegalArgumentException e) {
            warning = "ignored " + file + ": " + IoErrors.describe(file, e);
        }
        CpuTimes now = probe.cpuTimes();
        long nowMillis = clock.millis();
        int cores = Math.max(1, probe.logicalProcessors());
        Usage usage = null;
        if (previous != null) {
            double age = (nowMillis - previous.takenAtMillis()) / 1000.0;
            if (age * 1000 >= Math.max(1, window.toMillis()) && age <= maxAge.toMillis() / 1000.0) {
                String foreign = foreign(previous, now, cores, age);
                if (foreign == null) {
                    usage = new Usage(now.usageSince(previous.times()), age, false, null);
                } else if (!foreign.isEmpty()) {
                    warning = "ignored " + file + ": " + foreign;
                }
            }
        }
        if (usage == null) {
            CpuTimes before = now;
            long start = nowMillis;
            Thread.sleep(window.toMillis());
            now = probe.cpuTimes();
            nowMillis = clock.millis();
            usage = new Usage(now.usageSince(before), (nowMillis - start) / 1000.0, true, warning);
        }
        try {
            new CpuSnapshot(nowMillis, cores, now).write(file);
        } catch (RuntimeException e) {
            // a read-only state dir: the next run samples too
        }
        return usage;
    }

    /**
     * Why a snapshot's counters are not this host's since then: null when they are, "" for a reboot (counters went
     * back: sample again, nothing to warn about), else the reason. The counters of all processors advance by about
     * {@code cores} seconds a second; a snapshot from another host or another core count does not fit.
     */
    static String foreign(CpuSnapshot previous, CpuTimes now, int cores, double ageSeconds) {
        double counted = now.totalSeconds() - previous.times().totalSeconds();
        if (counted <= 0) {
            return "";
        }
        if (previous.cores() != cores) {
            return "taken with " + previous.cores() + " processors, this host has " + cores;
        }
        double span = counted / cores;
        if (span < ageSeconds * 0.5 - 1 || span > ageSeconds * 1.5 + 1) {
            return String.format(Locale.ROOT, "its CPU counters advanced %.1f s in %.1f s of time: not this host's",
                    span, ageSeconds);
        }
        return null;
    }
}
