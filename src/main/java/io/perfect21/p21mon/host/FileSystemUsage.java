package io.perfect21.p21mon.host;

/**
 * One mounted file system: where it is mounted, its device and type, and its size in bytes. {@code availBytes} is
 * what unprivileged users may still write (node_exporter's {@code avail}); {@code freeBytes} includes root's reserve.
 */
public record FileSystemUsage(String mountPoint, String device, String type,
                              long sizeBytes, long freeBytes, long availBytes,
                              long inodes, long freeInodes) {
    /** Used space as seen by users, 0–1, as {@code df} computes it: used / (used + avail). */
    public double usageRatio() {
        long used = sizeBytes - freeBytes;
        long denominator = used + availBytes;
        return denominator <= 0 ? 0 : (double) used / denominator;
    }
}
