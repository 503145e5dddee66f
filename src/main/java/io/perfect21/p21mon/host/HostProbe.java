package io.perfect21.p21mon.host;

import java.util.List;

/**
 * What p21mon reads of the host it runs on. {@link OshiHostProbe} reads the real host through OSHI; tests give a fake.
 * Each call reads afresh (no caching here); callers that need a rate sample twice, see {@link CpuTimes#usageSince}.
 * Units are in the names: bytes, seconds, ratios 0–1.
 */
public interface HostProbe {
    /** Host name, as the kernel knows it. */
    String hostname();

    /** Logical processors (hardware threads). */
    int logicalProcessors();

    /** Cumulative CPU time of all processors by mode since boot. */
    CpuTimes cpuTimes();

    /**
     * Cumulative CPU time of each logical processor by mode, in processor order; empty where the OS does not say
     * (the probes of tests, unless they care).
     */
    default List<CpuTimes> cpuTimesPerProcessor() {
        return List.of();
    }

    /** Physical memory and swap. */
    MemoryUsage memory();

    /** 1, 5 and 15 minute load averages (negative where the OS has none). */
    LoadAverage loadAverage();

    /** Mounted file systems; pseudo, overlay and memory file systems only when {@code includePseudo}. */
    List<FileSystemUsage> fileSystems(boolean includePseudo);

    /**
     * Mounted file systems like {@link #fileSystems}, for callers that need sizes only: inode counts may be 0 where
     * reading them would cost more (OSHI's start-up, on Linux).
     */
    default List<FileSystemUsage> fileSystemSpace(boolean includePseudo) {
        return fileSystems(includePseudo);
    }

    /** Network interfaces with cumulative counters, loopback included. */
    List<NetworkStats> network();

    /** Block devices with cumulative I/O counters. */
    List<DiskStats> disks();

    /** Boot time, seconds since the epoch. */
    long bootTimeSeconds();

    /** Running processes: pid, name and command line. */
    List<ProcessInfo> processes();
}
