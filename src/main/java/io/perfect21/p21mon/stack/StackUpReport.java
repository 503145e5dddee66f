package io.perfect21.p21mon.stack;

import java.util.List;

/**
 * What {@code stack up} did: the runtime it used, each service with what happened to it ({@code started},
 * {@code running}: it already was, {@code skipped}: not installed, {@code compose}: left to docker compose), and how
 * long until every service answered ready.
 */
public record StackUpReport(String runtime, List<ServiceState> services, long readyMillis, List<String> command) {

    public StackUpReport {
        services = List.copyOf(services);
        command = command == null ? List.of() : List.copyOf(command);
    }

    /** One service after {@code up}. */
    public record ServiceState(String service, String state, Long pid, Integer port, String note) {
    }
}
