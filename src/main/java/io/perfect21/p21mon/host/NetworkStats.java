package io.perfect21.p21mon.host;

/** One network interface's cumulative counters since boot. */
public record NetworkStats(String device, long receiveBytes, long transmitBytes, long receivePackets,
                           long transmitPackets, long receiveErrors, long transmitErrors, long receiveDrops) {
}
