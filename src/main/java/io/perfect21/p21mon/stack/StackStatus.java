package io.perfect21.p21mon.stack;

import java.util.List;

/**
 * {@code stack status}: the runtime in use and, for each service, its URL, whether it answers its readiness endpoint,
 * and (native runtime) the pid its pid file names. {@code ok} when every service that should run is ready.
 */
public record StackStatus(String dir, String runtime, boolean ok, List<Service> services) {

    public StackStatus {
        services = List.copyOf(services);
    }

    /** One service: {@code ready}, {@code not ready} (running, not answering), {@code stopped}, {@code not running}. */
    public record Service(String service, String url, String state, Long pid, boolean required, String detail) {
    }
}
