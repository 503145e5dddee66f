package io.perfect21.p21mon.health.checks;

import io.perfect21.p21mon.config.CheckConfig;
import io.perfect21.p21mon.config.HealthConfig;
import io.perfect21.p21mon.health.CheckOptions;
import io.perfect21.p21mon.health.ConfiguredCheck;
import io.perfect21.p21mon.health.HealthCheckResult;
import io.perfect21.p21mon.health.HealthContext;
import io.perfect21.p21mon.health.HealthStatus;
import io.perfect21.p21mon.health.Perfdata;
import io.perfect21.p21mon.host.CpuSampler;
import io.perfect21.p21mon.host.FileSystemUsage;
import io.perfect21.p21mon.host.HostProbe;
import io.perfect21.p21mon.host.LoadAverage;
import io.perfect21.p21mon.host.MemoryUsage;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * {@code system_resources}: CPU usage since the previous run (its counters are kept in the state directory, see
 * {@link CpuSampler}) or else sampled over {@code health.cpu_sample_ms}, memory, swap, every real file system
 * and the load average per core, against the seed's {@code *_threshold} keys (percent; at or above is unhealthy) and
 * their {@code *_warning} levels (degraded). Keys: {@code include_pseudo} (also check tmpfs, overlay, …),
 * {@code mounts} (only these mount points), {@code exclude_mounts}.
 */
public final class SystemResourcesCheck extends ConfiguredCheck {
    private final Supplier<HostProbe> probe;
    private final HealthConfig health;
    private final boolean includePseudo;
    private final List<String> mounts;
    private final List<String> excludeMounts;
    private final Path stateDir;

    /** The file in the state directory that keeps the CPU counters of the last run (see {@link CpuSampler}). */
    public static final String SNAPSHOT_FILE = "health-cpu.snapshot";

    public SystemResourcesCheck(CheckConfig config, HealthContext context) {
        super(config);
        CheckOptions o = CheckOptions.of(config, "include_pseudo", "mounts", "exclude_mounts");
        o.noThresholds();
        this.probe = context.hostProbe();
        this.health = context.config().health();
        this.includePseudo = o.bool("include_pseudo", false);
        this.mounts = o.strings("mounts");
        this.excludeMounts = o.strings("exclude_mounts");
        this.stateDir = context.stateDir();
    }

    @Override
    public HealthCheckResult check() throws Exception {
        HostProbe p = probe.get();
        // the rest is read while the CPU window runs: OSHI's first calls cost a few hundred ms of start-up
        CompletableFuture<Snapshot> rest = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                rest.complete(new Snapshot(p.memory(), p.loadAverage(), Math.max(1, p.logicalProcessors()),
                        p.fileSystemSpace(includePseudo).stream()
                                .filter(f -> mounts.isEmpty() || mounts.contains(f.mountPoint()))
                                .filter(f -> !excludeMounts.contains(f.mountPoint()))
                                .toList()));
            } catch (Throwable e) {
                rest.completeExceptionally(e);
            }
        }, "system-resources-read");
        reader.setDaemon(true);
        reader.start();
        CpuSampler.Usage usage = CpuSampler.usage(p, Duration.ofMillis(health.cpuSampleMs()),
                stateDir.resolve(SNAPSHOT_FILE), snapshotMaxAge(health), Clock.systemUTC());
        double cpu = usage.ratio() * 100;
        Snapshot snap;
        try {
            snap = rest.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
        }
        MemoryUsage mem = snap.memory();
        LoadAverage load = snap.load();
        int cores = snap.cores();
        List<FileSystemUsage> fss = snap.fileSystems();

        Map<String, Object> details = new LinkedHashMap<>();
        List<Perfdata> perf = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        HealthStatus status = HealthStatus.HEALTHY;

        status = status.worse(percent("cpu", cpu, health.cpuWarning(), health.cpuThreshold(), details, perf, problems));
        details.put("cpu_sample_ms", health.cpuSampleMs());
        details.put("cpu_span_seconds", round(usage.spanSeconds()));
        details.put("cpu_span_source", usage.sampled() ? "sampled" : "since_last_run");
        perf.add(new Perfdata("cpu_span", round(usage.spanSeconds()), "s", null, null, 0.0, null));
        if (usage.warning() != null) {
            details.put("cpu_warning", usage.warning() + "; sampled instead");
        }
        status = status.worse(percent("memory", mem.usageRatio() * 100, health.memoryWarning(), health.memoryThreshold(),
                details, perf, problems));
        details.put("memory_total_bytes", mem.totalBytes());
        details.put("memory_available_bytes", mem.availableBytes());
        if (mem.swapTotalBytes() > 0) {
            status = status.worse(percent("swap", mem.swapUsageRatio() * 100, health.swapWarning(), health.swapThreshold(),
                    details, perf, problems));
        } else {
            details.put("swap_percent", 0.0);
        }
        details.put("swap_total_bytes", mem.swapTotalBytes());

        details.put("cores", cores);
        if (load.load1() >= 0) {
            double perCore = load.load1() / cores;
            details.put("load1", round(load.load1()));
            details.put("load5", round(load.load5()));
            details.put("load15", round(load.load15()));
            details.put("load1_per_core", round(perCore));
            HealthStatus s = perCore >= health.loadThreshold() ? HealthStatus.UNHEALTHY
                    : perCore >= health.loadWarning() ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
            if (s != HealthStatus.HEALTHY) {
                problems.add(String.format(Locale.ROOT, "load %.2f per core", perCore));
            }
            status = status.worse(s);
            perf.add(new Perfdata("load1_per_core", round(perCore), "", Perfdata.number(health.loadWarning()),
                    Perfdata.number(health.loadThreshold()), 0.0, null));
        }

        List<Map<String, Object>> fsDetails = new ArrayList<>();
        for (FileSystemUsage f : fss) {
            double pct = f.usageRatio() * 100;
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("mount", f.mountPoint());
            d.put("type", f.type());
            d.put("percent", round(pct));
            d.put("size_bytes", f.sizeBytes());
            d.put("avail_bytes", f.availBytes());
            fsDetails.add(d);
            HealthStatus s = level(pct, health.diskWarning(), health.diskThreshold());
            if (s != HealthStatus.HEALTHY) {
                problems.add(String.format(Locale.ROOT, "disk %s %.1f%%", f.mountPoint(), pct));
            }
            status = status.worse(s);
            perf.add(new Perfdata("disk " + f.mountPoint(), round(pct), "%", Perfdata.number(health.diskWarning()),
                    Perfdata.number(health.diskThreshold()), 0.0, 100.0));
        }
        details.put("filesystems", fsDetails);

        String summary = String.format(Locale.ROOT, "cpu %.1f%%, memory %.1f%%, load %.2f/core, %d file systems",
                cpu, mem.usageRatio() * 100, load.load1() < 0 ? 0 : load.load1() / cores, fss.size());
        String message = problems.isEmpty() ? summary : String.join(", ", problems) + " (" + summary + ")";
        return result(status, message, details, perf);
    }

    /**
     * How old the previous run's CPU snapshot may be to compute the usage since then: twice {@code health.interval}
     * (a run from cron every interval finds the last one even when a run was late), at least one minute.
     */
    static Duration snapshotMaxAge(HealthConfig health) {
        Duration twice = health.interval().multipliedBy(2);
        return twice.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : twice;
    }

    private record Snapshot(MemoryUsage memory, LoadAverage load, int cores, List<FileSystemUsage> fileSystems) {
    }

    private static HealthStatus percent(String what, double pct, double warn, double crit, Map<String, Object> details,
                                        List<Perfdata> perf, List<String> problems) {
        details.put(what + "_percent", round(pct));
        perf.add(new Perfdata(what, round(pct), "%", Perfdata.number(warn), Perfdata.number(crit), 0.0, 100.0));
        HealthStatus s = level(pct, warn, crit);
        if (s != HealthStatus.HEALTHY) {
            problems.add(String.format(Locale.ROOT, "%s %.1f%%", what, pct));
        }
        return s;
    }

    /** At or above the threshold is unhealthy, at or above the warning level degraded (the seed's meaning). */
    static HealthStatus level(double value, double warn, double crit) {
        if (value >= crit) {
            return HealthStatus.UNHEALTHY;
        }
        return value >= warn ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
