package io.perfect21.p21mon.health;

import io.perfect21.p21mon.host.CpuTimes;
import io.perfect21.p21mon.host.DiskStats;
import io.perfect21.p21mon.host.FileSystemUsage;
import io.perfect21.p21mon.host.HostProbe;
import io.perfect21.p21mon.host.LoadAverage;
import io.perfect21.p21mon.host.MemoryUsage;
import io.perfect21.p21mon.host.NetworkStats;
import io.perfect21.p21mon.host.ProcessInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A host with set figures: CPU busy at {@code cpuPercent} between any two samples, memory, load, file systems. */
public final class FakeHost implements HostProbe {
    public double cpuPercent = 10;
    public long memTotal = 8L << 30;
    public long memAvailable = 6L << 30;
    public long swapTotal = 2L << 30;
    public long swapUsed = 0;
    public int cores = 4;
    public double load1 = 1.0;
    public List<FileSystemUsage> fileSystems = new ArrayList<>(List.of(
            new FileSystemUsage("/", "/dev/sda1", "ext4", 100L << 30, 60L << 30, 55L << 30, 1000, 900),
            new FileSystemUsage("/data", "/dev/sdb1", "xfs", 200L << 30, 150L << 30, 150L << 30, 1000, 900)));
    public List<FileSystemUsage> pseudo = new ArrayList<>(List.of(
            new FileSystemUsage("/run", "tmpfs", "tmpfs", 1L << 30, 0, 0, 10, 0)));
    public List<ProcessInfo> processes = new ArrayList<>();
    private final AtomicInteger samples = new AtomicInteger();

    @Override
    public String hostname() {
        return "fakehost";
    }

    @Override
    public int logicalProcessors() {
        return cores;
    }

    /**
     * When true, the CPU counters follow the wall clock as a real steady host's do: {@code cores} seconds a second,
     * {@code cpuPercent} of them busy (see {@link #steadyTimes}).
     */
    public volatile boolean steady;

    /** The counters of a steady host at the given epoch milliseconds. */
    public CpuTimes steadyTimes(long epochMillis) {
        double total = cores * epochMillis / 1000.0;
        double busy = total * cpuPercent / 100;
        return new CpuTimes(Map.of("user", busy, "idle", total - busy));
    }

    @Override
    public CpuTimes cpuTimes() {
        if (steady) {
            return steadyTimes(System.currentTimeMillis());
        }
        int n = samples.getAndIncrement();
        double busy = n * cpuPercent;
        double idle = n * (100 - cpuPercent);
        return new CpuTimes(Map.of("user", busy, "idle", idle));
    }

    @Override
    public MemoryUsage memory() {
        return new MemoryUsage(memTotal, memAvailable, swapTotal, swapUsed);
    }

    @Override
    public LoadAverage loadAverage() {
        return new LoadAverage(load1, load1, load1);
    }

    @Override
    public List<FileSystemUsage> fileSystems(boolean includePseudo) {
        List<FileSystemUsage> out = new ArrayList<>(fileSystems);
        if (includePseudo) {
            out.addAll(pseudo);
        }
        return out;
    }

    @Override
    public List<NetworkStats> network() {
        return List.of();
    }

    @Override
    public List<DiskStats> disks() {
        return List.of();
    }

    @Override
    public long bootTimeSeconds() {
        return 1_700_000_000L;
    }

    @Override
    public List<ProcessInfo> processes() {
        return processes;
    }
}
