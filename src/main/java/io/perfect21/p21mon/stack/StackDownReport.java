package io.perfect21.p21mon.stack;

import java.util.List;

/**
 * What {@code stack down} did: each process it stopped (or found already gone), pid files it could not read, and the
 * stack ports that still answer afterwards (none, normally).
 */
public record StackDownReport(String runtime, List<Stopped> services, List<String> portsStillOpen) {

    public StackDownReport {
        services = List.copyOf(services);
        portsStillOpen = List.copyOf(portsStillOpen);
    }

    /** The stack ports held by processes this stack did not start, which {@code down} left running. */
    public List<Stopped> foreign() {
        return services.stream().filter(s -> s.action().equals("left alone")).toList();
    }

    /**
     * One service after {@code down}: {@code stopped}, {@code killed}, {@code not running}, {@code corrupt pid file},
     * or {@code left alone}: its port is held by a process this stack did not start (foreign; never signalled).
     */
    public record Stopped(String service, String action, Long pid, String note) {
    }
}
