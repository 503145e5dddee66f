package io.perfect21.p21mon.host;

import java.time.Duration;

/**
 * CPU usage over a real window: reads the CPU times, waits, reads again. OSHI memoises CPU ticks for about a second,
 * so a window much shorter than that reads 0; SPEC's default window is 1000 ms.
 */
public final class CpuSampler {
    private CpuSampler() {
    }

    /** Usage ratio 0–1 over the window; interruptible. */
    public static double usage(HostProbe probe, Duration window) throws InterruptedException {
        CpuTimes before = probe.cpuTimes();
        Thread.sleep(window.toMillis());
        return probe.cpuTimes().usageSince(before);
    }
}
