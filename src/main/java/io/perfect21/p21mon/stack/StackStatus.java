package io.perfect21.p21mon.stack;

import java.util.List;

/**
 * {@code stack status}: the runtime in use and, for each service, its URL, whether it answers its readiness endpoint,
 * and (native runtime) the pid its pid file names. {@code ok} when every service that should run is ready.
 */
public record StackStatus(String dir, String runtime, boolean ok, List<Service> services) {
    /** The state of a service whose port another process holds (a Prometheus not started by this stack). */
    public static final String FOREIGN = "foreign";

    public StackStatus {
        services = List.copyOf(services);
    }

    /** The services whose port a process of no p21mon stack holds. */
    public List<Service> foreign() {
        return services.stream().filter(s -> s.state().equals(FOREIGN)).toList();
    }

    /**
     * One service: {@code ready}, {@code not ready} (running, not answering), {@code stopped}, {@code not running},
     * {@code foreign} (its port is held by a process this stack did not start: {@code pid} is that process's, when
     * the OS tells).
     */
    public record Service(String service, String url, String state, Long pid, boolean required, String detail) {
    }
}
