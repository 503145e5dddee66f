package io.perfect21.p21mon.metrics;

import io.perfect21.p21mon.host.CpuTimes;
import io.perfect21.p21mon.host.DiskStats;
import io.perfect21.p21mon.host.FileSystemUsage;
import io.perfect21.p21mon.host.NetworkStats;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code p21_host_*}: node_exporter-style host metrics from the latest {@link HostSnapshot}. {@link #collect()} only
 * converts the cached snapshot; it never reads the host, so a scrape costs microseconds whatever the probe costs.
 */
public final class HostCollector implements MultiCollector {
    private final Supplier<HostSnapshot> snapshot;
    private final Families families;

    public HostCollector(Supplier<HostSnapshot> snapshot, Labels constantLabels) {
        this.snapshot = snapshot;
        this.families = new Families(constantLabels);
    }

    @Override
    public MetricSnapshots collect() {
        HostSnapshot s = snapshot.get();
        if (s == null) {
            return new MetricSnapshots();
        }
        List<MetricSnapshot> out = new ArrayList<>();
        Families.Family cpu = families.counter("p21_host_cpu_seconds", "Seconds all CPUs spent in each mode since boot.");
        for (Map.Entry<String, Double> e : s.cpu().secondsByMode().entrySet()) {
            if (java.util.Arrays.asList(CpuTimes.MODES).contains(e.getKey())) {
                cpu.point(e.getValue(), "mode", e.getKey());
            }
        }
        cpu.add(out);
        families.gauge("p21_host_cpus", "Logical processors.").point(s.logicalProcessors()).add(out);
        families.gauge("p21_host_memory_total_bytes", "Physical memory.").point(s.memory().totalBytes()).add(out);
        families.gauge("p21_host_memory_available_bytes", "Memory available to new programs without swapping (MemAvailable).")
                .point(s.memory().availableBytes()).add(out);
        families.gauge("p21_host_memory_used_bytes", "Physical memory in use: total minus available.")
                .point(s.memory().usedBytes()).add(out);
        families.gauge("p21_host_swap_total_bytes", "Swap space.").point(s.memory().swapTotalBytes()).add(out);
        families.gauge("p21_host_swap_used_bytes", "Swap space in use.").point(s.memory().swapUsedBytes()).add(out);
        fileSystems(s.fileSystems(), out);
        network(s.network(), out);
        disks(s.disks(), out);
        families.gauge("p21_host_load1", "Load average over 1 minute.").point(s.load().load1()).add(out);
        families.gauge("p21_host_load5", "Load average over 5 minutes.").point(s.load().load5()).add(out);
        families.gauge("p21_host_load15", "Load average over 15 minutes.").point(s.load().load15()).add(out);
        families.gauge("p21_host_boot_time_seconds", "Boot time, seconds since the epoch.").point(s.bootTimeSeconds()).add(out);
        families.gauge("p21_host_uptime_seconds", "Seconds since boot when the host was last read.")
                .point(s.uptimeSeconds()).add(out);
        families.info("p21_host", "Host name of the exporter's host.").point(1, "hostname", s.hostname()).add(out);
        return new MetricSnapshots(out);
    }

    private void fileSystems(List<FileSystemUsage> fss, List<MetricSnapshot> out) {
        Families.Family size = families.gauge("p21_host_filesystem_size_bytes", "File system size.");
        Families.Family free = families.gauge("p21_host_filesystem_free_bytes", "Free space, root's reserve included.");
        Families.Family avail = families.gauge("p21_host_filesystem_avail_bytes", "Space unprivileged users may still write.");
        Families.Family files = families.gauge("p21_host_filesystem_files", "Inodes.");
        Families.Family filesFree = families.gauge("p21_host_filesystem_files_free", "Free inodes.");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (FileSystemUsage fs : fss) {
            if (!seen.add(fs.mountPoint())) {
                continue; // a mount point mounted over: the kernel shows the last one only
            }
            String[] l = {"mountpoint", fs.mountPoint(), "device", fs.device(), "fstype", fs.type()};
            size.point(fs.sizeBytes(), l);
            free.point(fs.freeBytes(), l);
            avail.point(fs.availBytes(), l);
            files.point(fs.inodes(), l);
            filesFree.point(fs.freeInodes(), l);
        }
        size.add(out);
        free.add(out);
        avail.add(out);
        files.add(out);
        filesFree.add(out);
    }

    private void network(List<NetworkStats> nics, List<MetricSnapshot> out) {
        Families.Family rxBytes = families.counter("p21_host_network_receive_bytes", "Bytes received.");
        Families.Family txBytes = families.counter("p21_host_network_transmit_bytes", "Bytes sent.");
        Families.Family rxPackets = families.counter("p21_host_network_receive_packets", "Packets received.");
        Families.Family txPackets = families.counter("p21_host_network_transmit_packets", "Packets sent.");
        Families.Family rxErrs = families.counter("p21_host_network_receive_errs", "Receive errors.");
        Families.Family txErrs = families.counter("p21_host_network_transmit_errs", "Transmit errors.");
        Families.Family rxDrop = families.counter("p21_host_network_receive_drop", "Received packets dropped.");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (NetworkStats n : nics) {
            if (!seen.add(n.device())) {
                continue;
            }
            rxBytes.point(n.receiveBytes(), "device", n.device());
            txBytes.point(n.transmitBytes(), "device", n.device());
            rxPackets.point(n.receivePackets(), "device", n.device());
            txPackets.point(n.transmitPackets(), "device", n.device());
            rxErrs.point(n.receiveErrors(), "device", n.device());
            txErrs.point(n.transmitErrors(), "device", n.device());
            rxDrop.point(n.receiveDrops(), "device", n.device());
        }
        for (Families.Family f : List.of(rxBytes, txBytes, rxPackets, txPackets, rxErrs, txErrs, rxDrop)) {
            f.add(out);
        }
    }

    private void disks(List<DiskStats> disks, List<MetricSnapshot> out) {
        Families.Family reads = families.counter("p21_host_disk_reads_completed", "Reads completed.");
        Families.Family writes = families.counter("p21_host_disk_writes_completed", "Writes completed.");
        Families.Family readBytes = families.counter("p21_host_disk_read_bytes", "Bytes read.");
        Families.Family writtenBytes = families.counter("p21_host_disk_written_bytes", "Bytes written.");
        Families.Family ioTime = families.counter("p21_host_disk_io_time_seconds", "Seconds spent doing I/O.");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (DiskStats d : disks) {
            if (!seen.add(d.device())) {
                continue;
            }
            reads.point(d.reads(), "device", d.device());
            writes.point(d.writes(), "device", d.device());
            readBytes.point(d.readBytes(), "device", d.device());
            writtenBytes.point(d.writtenBytes(), "device", d.device());
            ioTime.point(d.ioTimeSeconds(), "device", d.device());
        }
        for (Families.Family f : List.of(reads, writes, readBytes, writtenBytes, ioTime)) {
            f.add(out);
        }
    }
}
