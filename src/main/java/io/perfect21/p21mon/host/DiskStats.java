package io.perfect21.p21mon.host;

/** One block device's cumulative I/O counters since boot; {@code ioTimeSeconds} is the time spent doing I/O. */
public record DiskStats(String device, long reads, long writes, long readBytes, long writtenBytes, double ioTimeSeconds) {
}
