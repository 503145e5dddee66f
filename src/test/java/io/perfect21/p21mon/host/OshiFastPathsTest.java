package io.perfect21.p21mon.host;

import org.junit.jupiter.api.Test;
import oshi.SystemInfo;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Linux fast paths that keep {@code health} clear of OSHI's start-up read what OSHI reads, on this host. */
class OshiFastPathsTest {
    final OshiHostProbe probe = new OshiHostProbe();
    final SystemInfo oshi = new SystemInfo();

    @Test
    void processorsAndLoadAverageAsOshiReadsThem() {
        assertThat(probe.logicalProcessors()).isEqualTo(oshi.getHardware().getProcessor().getLogicalProcessorCount());
        double[] load = oshi.getHardware().getProcessor().getSystemLoadAverage(3);
        assertThat(probe.loadAverage().load15()).isCloseTo(load[2], within(0.5));
    }

    @Test
    void memoryAsOshiReadsIt() {
        var m = oshi.getHardware().getMemory();
        MemoryUsage fast = probe.memory();
        assertThat(fast.totalBytes()).isEqualTo(m.getTotal());
        assertThat(fast.swapTotalBytes()).isEqualTo(m.getVirtualMemory().getSwapTotal());
        assertThat((double) fast.availableBytes()).isCloseTo((double) m.getAvailable(), within(m.getTotal() * 0.05));
    }

    @Test
    void fileSystemSpaceListsTheMountsAndSizesOfFileSystems() {
        Map<String, FileSystemUsage> full = byMount(probe.fileSystems(false));
        Map<String, FileSystemUsage> fast = byMount(probe.fileSystemSpace(false));
        assertThat(fast.keySet()).isEqualTo(full.keySet()).isNotEmpty();
        fast.forEach((mount, f) -> {
            FileSystemUsage o = full.get(mount);
            assertThat(f.type()).isEqualTo(o.type());
            assertThat(f.sizeBytes()).isEqualTo(o.sizeBytes());
            assertThat(f.usageRatio()).isCloseTo(o.usageRatio(), within(0.01));
        });
    }

    @Test
    void mountPointsAreUnescaped() {
        assertThat(OshiHostProbe.unescape("/mnt/my\\040disk")).isEqualTo("/mnt/my disk");
        assertThat(OshiHostProbe.unescape("/a\\134b")).isEqualTo("/a\\b");
        assertThat(OshiHostProbe.unescape("/plain")).isEqualTo("/plain");
    }

    static Map<String, FileSystemUsage> byMount(List<FileSystemUsage> list) {
        return list.stream().collect(Collectors.toMap(FileSystemUsage::mountPoint, Function.identity(), (a, b) -> a));
    }
}
