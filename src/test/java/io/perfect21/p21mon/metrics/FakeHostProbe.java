package io.perfect21.p21mon.metrics;

import io.perfect21.p21mon.host.CpuTimes;
import io.perfect21.p21mon.host.DiskStats;
import io.perfect21.p21mon.host.FileSystemUsage;
import io.perfect21.p21mon.host.HostProbe;
import io.perfect21.p21mon.host.LoadAverage;
import io.perfect21.p21mon.host.MemoryUsage;
import io.perfect21.p21mon.host.NetworkStats;
import io.perfect21.p21mon.host.ProcessInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A host with fixed, recognisable values; counts its reads so tests can tell whether a scrape touched the host. */
public final class FakeHostProbe implements HostProbe {
    public final AtomicInteger cpuReads = new AtomicInteger();
    public volatile double userSeconds = 100.5;

    @Override
    public String hostname() {
        return "fakehost";
    }

    @Override
    public int logicalProcessors() {
        return 4;
    }

    @Override
    public CpuTimes cpuTimes() {
        cpuReads.incrementAndGet();
        Map<String, Double> m = new LinkedHashMap<>();
        for (String mode : CpuTimes.MODES) {
            m.put(mode, 1.0);
        }
        m.put("user", userSeconds);
        m.put("idle", 1000.0);
        return new CpuTimes(m);
    }

    @Override
    public MemoryUsage memory() {
        return new MemoryUsage(8_000_000_000L, 6_000_000_000L, 1_000_000_000L, 250_000_000L);
    }

    @Override
    public LoadAverage loadAverage() {
        return new LoadAverage(0.5, 0.25, 0.125);
    }

    @Override
    public List<FileSystemUsage> fileSystems(boolean includePseudo) {
        return List.of(new FileSystemUsage("/", "/dev/sda1", "ext4", 100_000L, 40_000L, 30_000L, 1000, 900));
    }

    @Override
    public List<NetworkStats> network() {
        return List.of(new NetworkStats("eth0", 1000, 2000, 10, 20, 1, 2, 3));
    }

    @Override
    public List<DiskStats> disks() {
        return List.of(new DiskStats("sda", 5, 6, 512, 1024, 1.5));
    }

    @Override
    public long bootTimeSeconds() {
        return 1_700_000_000L;
    }

    @Override
    public List<ProcessInfo> processes() {
        return List.of();
    }
}
