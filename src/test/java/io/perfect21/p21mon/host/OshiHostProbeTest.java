package io.perfect21.p21mon.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real probe's readings, checked against what Linux itself says in {@code /proc} and {@code statvfs(2)} (through
 * {@code stat -f}), not against the probe's own code. Linux only: CI and this project's machines are Linux.
 */
@EnabledOnOs(OS.LINUX)
class OshiHostProbeTest {
    static final OshiHostProbe PROBE = new OshiHostProbe();

    /** A {@code /proc/meminfo} field in bytes (the file says kB, meaning KiB). */
    static long meminfo(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith(field + ":")) {
                String[] f = line.substring(field.length() + 1).trim().split("\\s+");
                return Long.parseLong(f[0]) * (f.length > 1 && f[1].equals("kB") ? 1024 : 1);
            }
        }
        throw new AssertionError("no " + field + " in /proc/meminfo");
    }

    /** The first line of {@code /proc/stat} as ticks by mode (USER_HZ, 100 a second). */
    static long[] procStatTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long[] ticks = new long[CpuTimes.MODES.length];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = Long.parseLong(f[i + 1]);
        }
        return ticks;
    }

    @Test
    void memoryTotalIsMemTotalAndTheOtherFiguresAreInRange() throws IOException {
        MemoryUsage m = PROBE.memory();
        assertThat(m.totalBytes()).isEqualTo(meminfo("MemTotal"));
        assertThat(m.availableBytes()).isBetween(0L, m.totalBytes());
        assertThat(m.swapTotalBytes()).isEqualTo(meminfo("SwapTotal"));
        assertThat(m.swapUsedBytes()).isBetween(0L, m.swapTotalBytes());
        assertThat(m.usageRatio()).isBetween(0.0, 1.0);
    }

    @Test
    @Timeout(120) // a hang guard only: CPU time always advances, the test waits until it has
    void cpuSecondsGrowBetweenTwoReadsAndBracketProcStat() throws Exception {
        CpuTimes before = PROBE.cpuTimes();
        long[] between = procStatTicks();
        CpuTimes after = PROBE.cpuTimes();
        while (after.totalSeconds() <= before.totalSeconds()) {
            TimeUnit.MILLISECONDS.sleep(20);
            after = PROBE.cpuTimes();
        }
        assertThat(before.secondsByMode().keySet()).containsExactly(CpuTimes.MODES);
        for (int i = 0; i < CpuTimes.MODES.length; i++) {
            String mode = CpuTimes.MODES[i];
            double proc = between[i] / 100.0;
            assertThat(proc).as("%s: /proc/stat read between two probe reads", mode)
                    .isBetween(before.seconds(mode), after.seconds(mode));
        }
        assertThat(after.totalSeconds()).isGreaterThan(before.totalSeconds());
        assertThat(after.usageSince(before)).isBetween(0.0, 1.0);
    }

    @Test
    void theRootFileSystemHasTheSizeStatvfsGives() throws Exception {
        FileSystemUsage root = PROBE.fileSystems(true).stream().filter(f -> f.mountPoint().equals("/")).findFirst()
                .orElseThrow(() -> new AssertionError("no / among " + PROBE.fileSystems(true)));
        // statvfs("/"): f_blocks (%b) of f_frsize (%S) bytes
        Process stat = new ProcessBuilder("stat", "-f", "-c", "%b %S %a %f", "/").redirectErrorStream(true).start();
        String out = new String(stat.getInputStream().readAllBytes()).trim();
        assertThat(stat.waitFor()).as(out).isZero();
        String[] f = out.split(" ");
        long blockSize = Long.parseLong(f[1]);
        assertThat(root.sizeBytes()).as("statvfs(/) says %s", out).isEqualTo(Long.parseLong(f[0]) * blockSize);
        assertThat(root.availBytes()).isBetween(0L, root.freeBytes());
        assertThat(root.freeBytes()).isBetween(0L, root.sizeBytes());
        assertThat(Files.getFileStore(Path.of("/")).getTotalSpace()).isEqualTo(root.sizeBytes());
    }

    @Test
    void hostNameBootTimeProcessorsAndProcessesAreTheKernels() throws IOException {
        assertThat(PROBE.hostname()).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip());
        long btime = Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.startsWith("btime "))
                .mapToLong(l -> Long.parseLong(l.substring(6).trim())).findFirst().orElseThrow();
        // OSHI derives boot time from the uptime; a second either way is rounding, not a clock bound
        assertThat(PROBE.bootTimeSeconds()).isBetween(btime - 2, btime + 2);
        long cpus = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("processor")).count();
        assertThat(PROBE.logicalProcessors()).isEqualTo((int) cpus);
        List<ProcessInfo> processes = PROBE.processes();
        assertThat(processes).anySatisfy(p -> {
            assertThat(p.pid()).isEqualTo((int) ProcessHandle.current().pid());
            assertThat(p.commandLine()).contains("java");
        });
        LoadAverage load = PROBE.loadAverage();
        assertThat(List.of(load.load1(), load.load5(), load.load15())).allSatisfy(l -> assertThat(l).isNotNegative());
        assertThat(PROBE.network()).extracting(NetworkStats::device).contains("lo");
    }
}
