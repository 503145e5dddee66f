package io.perfect21.p21mon.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who listens on a TCP port, as Linux tells it: the socket inodes in LISTEN state for the port in
 * {@code /proc/net/tcp} and {@code tcp6}, then the process whose {@code /proc/PID/fd} links to one of them. The process
 * is unknown (empty) when the socket belongs to a process this user may not inspect, or off Linux.
 */
final class PortOwners {
    private static final String LISTEN = "0A";

    private PortOwners() {
    }

    /** A process listening on a port: its pid and program name ({@code /proc/PID/comm}). */
    record Owner(long pid, String program) {
        @Override
        public String toString() {
            return "pid " + pid + " (" + program + ")";
        }
    }

    /** The process listening on {@code port} (any address), when the OS says. */
    static Optional<Owner> of(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table), StandardCharsets.US_ASCII)) {
                    String[] f = line.strip().split("\\s+");
                    if (f.length < 10 || !f[3].equals(LISTEN)) {
                        continue;
                    }
                    String local = f[1];
                    int colon = local.lastIndexOf(':');
                    if (colon > 0 && Integer.parseInt(local.substring(colon + 1), 16) == port && !f[9].equals("0")) {
                        inodes.add("socket:[" + f[9] + "]");
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // no such table (IPv6 off, not Linux): nothing from it
            }
        }
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                if (holds(proc, inodes)) {
                    long pid = Long.parseLong(proc.getFileName().toString());
                    return Optional.of(new Owner(pid, program(proc)));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean holds(Path proc, Set<String> inodes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
                        return true;
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException | SecurityException e) {
            // another user's process, or it ended
        }
        return false;
    }

    private static String program(Path proc) {
        try {
            return Files.readString(proc.resolve("comm"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    /** What a message says of the holder of a port: its pid and program, or that the OS does not tell. */
    static String describe(int port) {
        return of(port).map(Owner::toString).orElse("a process the OS does not name (another user's?)");
    }
}
