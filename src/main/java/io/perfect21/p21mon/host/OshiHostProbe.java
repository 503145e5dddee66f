package io.perfect21.p21mon.host;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OSFileStore;
import oshi.software.os.OperatingSystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The real host, read through OSHI. OSHI's objects are created on first use (its operating-system object alone costs
 * over 100 ms cold), so a command pays only for what it asks.
 */
public final class OshiHostProbe implements HostProbe {
    /** File system types that hold no user data on disk: memory, kernel and container layers. */
    static final Set<String> PSEUDO_TYPES = Set.of("tmpfs", "devtmpfs", "ramfs", "overlay", "overlayfs", "squashfs",
            "proc", "sysfs", "devpts", "cgroup", "cgroup2", "autofs", "mqueue", "debugfs", "tracefs", "securityfs",
            "pstore", "bpf", "configfs", "fusectl", "hugetlbfs", "nsfs", "binfmt_misc", "rpc_pipefs", "efivarfs",
            "fuse.lxcfs", "fuse.gvfsd-fuse", "fuse.portal", "nfsd", "selinuxfs", "shm", "none", "aufs");

    private final SystemInfo systemInfo;
    private volatile HardwareAbstractionLayer hardware;
    private volatile OperatingSystem os;

    public OshiHostProbe() {
        this(new SystemInfo());
    }

    public OshiHostProbe(SystemInfo systemInfo) {
        this.systemInfo = systemInfo;
    }

    private HardwareAbstractionLayer hardware() {
        HardwareAbstractionLayer h = hardware;
        if (h == null) {
            h = systemInfo.getHardware();
            hardware = h;
        }
        return h;
    }

    private OperatingSystem os() {
        OperatingSystem o = os;
        if (o == null) {
            o = systemInfo.getOperatingSystem();
            os = o;
        }
        return o;
    }

    @Override
    public String hostname() {
        return Hostname.local();
    }

    @Override
    public int logicalProcessors() {
        return hardware().getProcessor().getLogicalProcessorCount();
    }

    @Override
    public CpuTimes cpuTimes() {
        CpuTimes fromProc = procStat();
        if (fromProc != null) {
            return fromProc;
        }
        long[] ticks = hardware().getProcessor().getSystemCpuLoadTicks();
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (CentralProcessor.TickType t : CentralProcessor.TickType.values()) {
            if (t.getIndex() < ticks.length) {
                seconds.put(t.name().toLowerCase(java.util.Locale.ROOT), ticks[t.getIndex()] / 1000.0);
            }
        }
        return new CpuTimes(seconds);
    }

    /**
     * On Linux, the first line of /proc/stat, as OSHI would read it but without OSHI's start-up (hundreds of ms cold,
     * which would delay the first CPU sample); its unit is USER_HZ, 100 per second on every Linux architecture.
     */
    private static CpuTimes procStat() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            if (lines.isEmpty() || !lines.get(0).startsWith("cpu ")) {
                return null;
            }
            String[] f = lines.get(0).trim().split("\\s+");
            Map<String, Double> seconds = new LinkedHashMap<>();
            for (int i = 0; i < CpuTimes.MODES.length && i + 1 < f.length; i++) {
                seconds.put(CpuTimes.MODES[i], Long.parseLong(f[i + 1]) / 100.0);
            }
            return new CpuTimes(seconds);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public MemoryUsage memory() {
        GlobalMemory m = hardware().getMemory();
        return new MemoryUsage(m.getTotal(), m.getAvailable(), m.getVirtualMemory().getSwapTotal(),
                m.getVirtualMemory().getSwapUsed());
    }

    @Override
    public LoadAverage loadAverage() {
        double[] l = hardware().getProcessor().getSystemLoadAverage(3);
        return new LoadAverage(l[0], l[1], l[2]);
    }

    @Override
    public List<FileSystemUsage> fileSystems(boolean includePseudo) {
        List<FileSystemUsage> out = new ArrayList<>();
        for (OSFileStore fs : os().getFileSystem().getFileStores(false)) {
            String type = fs.getType();
            if (!includePseudo && (PSEUDO_TYPES.contains(type) || fs.getTotalSpace() <= 0)) {
                continue;
            }
            out.add(new FileSystemUsage(fs.getMount(), fs.getVolume(), type, fs.getTotalSpace(), fs.getFreeSpace(),
                    fs.getUsableSpace(), fs.getTotalInodes(), fs.getFreeInodes()));
        }
        return out;
    }

    @Override
    public List<NetworkStats> network() {
        return hardware().getNetworkIFs(true).stream()
                .map(n -> new NetworkStats(n.getName(), n.getBytesRecv(), n.getBytesSent(), n.getPacketsRecv(),
                        n.getPacketsSent(), n.getInErrors(), n.getOutErrors(), n.getInDrops()))
                .toList();
    }

    @Override
    public List<DiskStats> disks() {
        return hardware().getDiskStores().stream()
                .map(d -> new DiskStats(d.getName().replaceFirst("^/dev/", ""), d.getReads(), d.getWrites(),
                        d.getReadBytes(), d.getWriteBytes(), d.getTransferTime() / 1000.0))
                .toList();
    }

    @Override
    public long bootTimeSeconds() {
        return os().getSystemBootTime();
    }

    @Override
    public List<ProcessInfo> processes() {
        return os().getProcesses().stream()
                .map(p -> new ProcessInfo(p.getProcessID(), p.getName(), p.getCommandLine()))
                .toList();
    }

    /** On Linux the {@code cpuN} lines of /proc/stat (USER_HZ, as {@link #cpuTimes}), elsewhere OSHI's ticks. */
    @Override
    public List<CpuTimes> cpuTimesPerProcessor() {
        List<CpuTimes> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
                    String[] f = line.trim().split("\\s+");
                    Map<String, Double> seconds = new LinkedHashMap<>();
                    for (int i = 0; i < CpuTimes.MODES.length && i + 1 < f.length; i++) {
                        seconds.put(CpuTimes.MODES[i], Long.parseLong(f[i + 1]) / 100.0);
                    }
                    out.add(new CpuTimes(seconds));
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or an unexpected /proc: OSHI below
        }
        for (long[] ticks : hardware().getProcessor().getProcessorCpuLoadTicks()) {
            Map<String, Double> seconds = new LinkedHashMap<>();
            for (CentralProcessor.TickType t : CentralProcessor.TickType.values()) {
                if (t.getIndex() < ticks.length) {
                    seconds.put(t.name().toLowerCase(java.util.Locale.ROOT), ticks[t.getIndex()] / 1000.0);
                }
            }
            out.add(new CpuTimes(seconds));
        }
        return out;
    }
}
