package io.perfect21.p21mon.host;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One reading of the host for a live view: CPU times (total and per processor), memory, load, file systems and
 * network counters, and when it was taken. Two samples give rates ({@link #ratesSince}).
 *
 * <pre>{@code
 * HostSample before = HostSample.read(probe, clock.instant());
 * ... HostSample now = HostSample.read(probe, clock.instant());
 * HostSample.Rates r = now.ratesSince(before);   // r.cpuUsageRatio(), r.perProcessorUsageRatio(), ...
 * }</pre>
 */
public record HostSample(Instant at, CpuTimes cpu, List<CpuTimes> perProcessor, MemoryUsage memory, LoadAverage load,
                         List<FileSystemUsage> fileSystems, List<NetworkStats> network) {

    /** What changed between two samples, per second: CPU use 0–1 (total and per processor), network bytes. */
    public record Rates(double seconds, double cpuUsageRatio, List<Double> perProcessorUsageRatio,
                        double receiveBytesPerSecond, double transmitBytesPerSecond) {
    }

    public HostSample {
        perProcessor = List.copyOf(perProcessor);
        fileSystems = List.copyOf(fileSystems);
        network = List.copyOf(network);
    }

    /** Reads everything a live view shows; file systems without pseudo ones. */
    public static HostSample read(HostProbe probe, Instant at) {
        return new HostSample(at, probe.cpuTimes(), probe.cpuTimesPerProcessor(), probe.memory(), probe.loadAverage(),
                probe.fileSystems(false), probe.network());
    }

    /**
     * Rates from an earlier sample to this one. Network rates count every interface but loopback; a counter that went
     * backwards (an interface reset) counts as 0.
     */
    public Rates ratesSince(HostSample earlier) {
        double seconds = Math.max(0, (at.toEpochMilli() - earlier.at.toEpochMilli()) / 1000.0);
        List<Double> perCpu = new ArrayList<>();
        for (int i = 0; i < perProcessor.size(); i++) {
            perCpu.add(i < earlier.perProcessor.size() ? perProcessor.get(i).usageSince(earlier.perProcessor.get(i)) : 0.0);
        }
        double rx = 0;
        double tx = 0;
        for (NetworkStats n : network) {
            if (n.device().equals("lo")) {
                continue;
            }
            for (NetworkStats e : earlier.network) {
                if (e.device().equals(n.device())) {
                    rx += Math.max(0, n.receiveBytes() - e.receiveBytes());
                    tx += Math.max(0, n.transmitBytes() - e.transmitBytes());
                }
            }
        }
        return new Rates(seconds, cpu.usageSince(earlier.cpu), perCpu, seconds > 0 ? rx / seconds : 0,
                seconds > 0 ? tx / seconds : 0);
    }
}
