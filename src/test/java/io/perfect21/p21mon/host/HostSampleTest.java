package io.perfect21.p21mon.host;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HostSampleTest {
    private static CpuTimes cpu(double busy, double idle) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("user", busy);
        m.put("idle", idle);
        return new CpuTimes(m);
    }

    private static HostSample sample(long millis, double busy0, double busy1, long rx, long loRx) {
        return new HostSample(Instant.ofEpochMilli(millis), cpu(busy0 + busy1, 200), List.of(cpu(busy0, 100), cpu(busy1, 100)),
                new MemoryUsage(100, 50, 0, 0), new LoadAverage(1, 1, 1), List.of(),
                List.of(new NetworkStats("eth0", rx, 2 * rx, 0, 0, 0, 0, 0), new NetworkStats("lo", loRx, loRx, 0, 0, 0, 0, 0)));
    }

    @Test
    void ratesArePerProcessorAndPerSecondWithoutLoopback() {
        HostSample before = sample(0, 10, 10, 1000, 0);
        // two seconds later: cpu0 busy 1 s of 2, cpu1 busy 0 s (idle counters do not move here, so busy is all)
        HostSample after = new HostSample(Instant.ofEpochMilli(2000), cpu(21, 201), List.of(cpu(11, 101), cpu(10, 102)),
                new MemoryUsage(100, 50, 0, 0), new LoadAverage(1, 1, 1), List.of(),
                List.of(new NetworkStats("eth0", 3000, 6000, 0, 0, 0, 0, 0), new NetworkStats("lo", 1_000_000, 1_000_000, 0, 0, 0, 0, 0)));
        HostSample.Rates r = after.ratesSince(before);
        assertThat(r.seconds()).isEqualTo(2.0);
        assertThat(r.perProcessorUsageRatio()).containsExactly(0.5, 0.0);
        assertThat(r.cpuUsageRatio()).isCloseTo(0.5, within(1e-9));
        assertThat(r.receiveBytesPerSecond()).isEqualTo(1000.0);
        assertThat(r.transmitBytesPerSecond()).isEqualTo(2000.0);
    }

    @Test
    void aCounterThatWentBackwardsCountsAsNothing() {
        HostSample.Rates r = sample(1000, 10, 10, 100, 0).ratesSince(sample(0, 10, 10, 5000, 0));
        assertThat(r.receiveBytesPerSecond()).isZero();
    }
}
