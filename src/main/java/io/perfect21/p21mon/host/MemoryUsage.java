package io.perfect21.p21mon.host;

/** Physical memory and swap in bytes; "available" is what new programs can use without swapping (MemAvailable). */
public record MemoryUsage(long totalBytes, long availableBytes, long swapTotalBytes, long swapUsedBytes) {
    public long usedBytes() {
        return totalBytes - availableBytes;
    }

    /** Used memory as a ratio of the total, 0–1. */
    public double usageRatio() {
        return totalBytes <= 0 ? 0 : (double) usedBytes() / totalBytes;
    }

    /** Used swap as a ratio of the total, 0–1; 0 when there is no swap. */
    public double swapUsageRatio() {
        return swapTotalBytes <= 0 ? 0 : (double) swapUsedBytes / swapTotalBytes;
    }
}
