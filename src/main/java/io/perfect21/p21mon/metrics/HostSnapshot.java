package io.perfect21.p21mon.metrics;

import io.perfect21.p21mon.host.CpuTimes;
import io.perfect21.p21mon.host.DiskStats;
import io.perfect21.p21mon.host.FileSystemUsage;
import io.perfect21.p21mon.host.HostProbe;
import io.perfect21.p21mon.host.LoadAverage;
import io.perfect21.p21mon.host.MemoryUsage;
import io.perfect21.p21mon.host.NetworkStats;

import java.time.Instant;
import java.util.List;

/**
 * Everything {@code p21_host_*} exports, read from the host at one moment. CPU, network and disk values are the
 * kernel's cumulative counters, so one snapshot is enough (no sampling window): Prometheus computes the rates.
 */
public record HostSnapshot(Instant takenAt, String hostname, int logicalProcessors, CpuTimes cpu, MemoryUsage memory,
                           LoadAverage load, List<FileSystemUsage> fileSystems, List<NetworkStats> network,
                           List<DiskStats> disks, long bootTimeSeconds) {

    public HostSnapshot {
        fileSystems = List.copyOf(fileSystems);
        network = List.copyOf(network);
        disks = List.copyOf(disks);
    }

    /** Reads every part from the probe now. */
    public static HostSnapshot read(HostProbe probe, Instant now) {
        return new HostSnapshot(now, probe.hostname(), probe.logicalProcessors(), probe.cpuTimes(), probe.memory(),
                probe.loadAverage(), probe.fileSystems(false), probe.network(), probe.disks(), probe.bootTimeSeconds());
    }

    /** Seconds since boot at the time of the snapshot. */
    public double uptimeSeconds() {
        return Math.max(0, takenAt.toEpochMilli() / 1000.0 - bootTimeSeconds);
    }
}
