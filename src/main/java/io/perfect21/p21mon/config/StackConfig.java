package io.perfect21.p21mon.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code stack:}: where the monitoring stack's files go, how it runs ({@code auto}, {@code docker}, {@code native}),
 * the optional profiles (default {@code logs} and {@code traces}, the seed's Loki and Jaeger; also {@code blackbox} and
 * {@code cadvisor}: {@link #PROFILES}, the names of the stack's {@code StackProfile}), each service's port, extra scrape targets ({@code host[:port]},
 * listed here or one a line in {@code targets_file}), the user's own stack templates overlaying the built-in ones, and
 * the port {@code stack verify} listens on for its test alert's webhook.
 */
public record StackConfig(
        String dir,
        String runtime,
        List<String> with,
        Map<String, Integer> ports,
        List<String> targets,
        String targetsFile,
        String templatesDir,
        Integer verifyPort) {

    /** The default port of every service of the stack. */
    public static final Map<String, Integer> DEFAULT_PORTS = defaultPorts();
    /** The profile names {@code stack.with} accepts (the stack package's {@code StackProfile}; a test keeps them equal). */
    public static final List<String> PROFILES = List.of("logs", "traces", "blackbox", "cadvisor");
    /** The profiles of {@code stack.with} when the key is absent. */
    public static final List<String> DEFAULT_PROFILES = List.of("logs", "traces");

    public StackConfig {
        dir = Defaults.or(dir, "monitoring");
        runtime = Defaults.or(runtime, "auto");
        if (!List.of("auto", "docker", "native").contains(runtime)) {
            throw new IllegalArgumentException("stack.runtime must be auto, docker or native, got '" + runtime + "'");
        }
        with = with == null ? DEFAULT_PROFILES : List.copyOf(with);
        for (String profile : with) {
            if (!PROFILES.contains(profile)) {
                throw new IllegalArgumentException("stack.with: '" + profile + "' is not a profile; profiles: "
                        + String.join(", ", PROFILES));
            }
        }
        Map<String, Integer> merged = new LinkedHashMap<>(DEFAULT_PORTS);
        if (ports != null) {
            ports.forEach((service, port) -> {
                if (!DEFAULT_PORTS.containsKey(service)) {
                    throw new IllegalArgumentException("stack.ports." + service + " is not a service of the stack; services: "
                            + String.join(", ", DEFAULT_PORTS.keySet()));
                }
                merged.put(service, Defaults.port("stack.ports." + service, port, DEFAULT_PORTS.get(service)));
            });
        }
        ports = java.util.Collections.unmodifiableMap(merged); // in DEFAULT_PORTS' order (Map.copyOf's varies by run)
        targets = Defaults.list(targets);
        for (String t : targets) {
            if (!t.matches("[A-Za-z0-9_.\\[\\]:-]+")) {
                throw new IllegalArgumentException("stack.targets: '" + t + "' is not a host[:port]");
            }
        }
        verifyPort = Defaults.port("stack.verify_port", verifyPort, 9097);
    }

    static StackConfig defaults() {
        return new StackConfig(null, null, null, null, null, null, null, null);
    }

    private static Map<String, Integer> defaultPorts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("prometheus", 9090);
        m.put("alertmanager", 9093);
        m.put("pushgateway", 9091);
        m.put("node_exporter", 9100);
        m.put("p21mon", 8080);
        m.put("grafana", 3000);
        m.put("jaeger", 16686);
        m.put("loki", 3100);
        m.put("otlp_grpc", 4317);
        m.put("otlp_http", 4318);
        m.put("blackbox", 9115);
        m.put("cadvisor", 8081);
        return java.util.Collections.unmodifiableMap(m);
    }
}
