package io.perfect21.p21mon.host;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OSFileStore;
import oshi.software.os.OperatingSystem;

import java.io.IOException;
import java.nio.file.FileStore;
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
        int fromProc = procStatCpus();
        return fromProc > 0 ? fromProc : hardware().getProcessor().getLogicalProcessorCount();
    }

    /** On Linux, the processors /proc/stat counts (its {@code cpuN} lines), without OSHI's start-up; else 0. */
    private static int procStatCpus() {
        try (var lines = Files.lines(Path.of("/proc/stat"))) {
            return (int) lines.filter(l -> l.length() > 3 && l.startsWith("cpu") && Character.isDigit(l.charAt(3)))
                    .count();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
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
        MemoryUsage fromProc = procMeminfo();
        if (fromProc != null) {
            return fromProc;
        }
        GlobalMemory m = hardware().getMemory();
        return new MemoryUsage(m.getTotal(), m.getAvailable(), m.getVirtualMemory().getSwapTotal(),
                m.getVirtualMemory().getSwapUsed());
    }

    /**
     * On Linux, /proc/meminfo as OSHI reads it (available is MemAvailable, swap used is SwapTotal - SwapFree), without
     * OSHI's start-up (its memory object runs {@code getconf PAGE_SIZE}); null elsewhere.
     */
    private static MemoryUsage procMeminfo() {
        try {
            Map<String, Long> kib = new java.util.HashMap<>();
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    String[] v = line.substring(colon + 1).trim().split("\\s+");
                    kib.put(line.substring(0, colon), Long.parseLong(v[0]));
                }
            }
            Long total = kib.get("MemTotal");
            Long available = kib.get("MemAvailable");
            if (total == null || available == null) {
                return null;
            }
            long swapTotal = kib.getOrDefault("SwapTotal", 0L);
            long swapFree = kib.getOrDefault("SwapFree", 0L);
            return new MemoryUsage(total * 1024, available * 1024, swapTotal * 1024, (swapTotal - swapFree) * 1024);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public LoadAverage loadAverage() {
        try {
            // Linux: /proc/loadavg, where OSHI would load JNA to call getloadavg(3)
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new LoadAverage(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
        } catch (IOException | RuntimeException e) {
            double[] l = hardware().getProcessor().getSystemLoadAverage(3);
            return new LoadAverage(l[0], l[1], l[2]);
        }
    }

    /**
     * On Linux, the mounts of /proc/self/mounts with their sizes from the JDK's statvfs ({@link FileStore}), inode
     * counts 0: what {@code health} needs, without OSHI's operating-system start-up (over 100 ms cold, running
     * {@code uname} and {@code ldconfig}); elsewhere {@link #fileSystems}.
     */
    @Override
    public List<FileSystemUsage> fileSystemSpace(boolean includePseudo) {
        List<String> mounts;
        try {
            mounts = Files.readAllLines(Path.of("/proc/self/mounts"));
        } catch (IOException | RuntimeException e) {
            return fileSystems(includePseudo);
        }
        List<FileSystemUsage> out = new ArrayList<>();
        for (String line : mounts) {
            String[] f = line.split(" ");
            if (f.length < 3) {
                continue;
            }
            String device = unescape(f[0]);
            String mount = unescape(f[1]);
            String type = f[2];
            if (!includePseudo && (PSEUDO_TYPES.contains(type) || SYSTEM_PATHS.stream().anyMatch(p ->
                    mount.equals(p) || mount.startsWith(p + "/")))) {
                continue;
            }
            try {
                FileStore store = Files.getFileStore(Path.of(mount));
                long total = store.getTotalSpace();
                if (!includePseudo && total <= 0) {
                    continue;
                }
                out.add(new FileSystemUsage(mount, device, type, total, store.getUnallocatedSpace(),
                        store.getUsableSpace(), 0, 0));
            } catch (IOException | RuntimeException e) {
                // gone meanwhile, or not ours to read: as df, leave it out
            }
        }
        return out;
    }

    /** Mount points under which there are only kernel file systems. */
    private static final List<String> SYSTEM_PATHS = List.of("/proc", "/sys", "/dev", "/run");

    /** /proc/self/mounts escapes space, tab, newline and backslash as octal ({@code \040}). */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()
                    && field.substring(i + 1, i + 4).chars().allMatch(d -> d >= '0' && d <= '7')) {
                sb.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
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
