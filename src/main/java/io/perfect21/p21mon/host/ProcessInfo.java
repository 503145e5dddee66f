package io.perfect21.p21mon.host;

/** A running process: its pid, short name and full command line. */
public record ProcessInfo(int pid, String name, String commandLine) {
}
