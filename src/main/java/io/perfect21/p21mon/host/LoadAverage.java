package io.perfect21.p21mon.host;

/** Load averages over 1, 5 and 15 minutes (negative when the OS reports none). */
public record LoadAverage(double load1, double load5, double load15) {
}
