package io.perfect21.p21mon.host;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This host's name as every part of p21mon reports it (health reports, audit records, host metrics): the kernel's
 * name, read without a DNS lookup; the resolver's answer only where there is no {@code /proc}.
 */
public final class Hostname {
    private Hostname() {
    }

    public static String local() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask the resolver below
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
