package io.perfect21.p21mon.stack;

import java.util.List;

/**
 * One service of the stack: its key in {@code stack.ports}, the path that answers 200 when it is ready, the binary
 * names it has upstream and in Debian (first found on PATH wins), and the profile that adds it ({@code null}: always).
 */
public enum StackService {
    PROMETHEUS("prometheus", "/-/ready", null, true, "prometheus"),
    ALERTMANAGER("alertmanager", "/-/ready", null, true, "prometheus-alertmanager", "alertmanager"),
    PUSHGATEWAY("pushgateway", "/-/ready", null, true, "prometheus-pushgateway", "pushgateway"),
    NODE_EXPORTER("node_exporter", "/metrics", null, true, "prometheus-node-exporter", "node_exporter"),
    P21MON("p21mon", "/-/ready", null, true),
    GRAFANA("grafana", "/api/health", null, false, "grafana-server", "grafana"),
    LOKI("loki", "/ready", StackProfile.LOGS, false, "loki"),
    JAEGER("jaeger", "/", StackProfile.TRACES, false, "jaeger-all-in-one", "jaeger"),
    BLACKBOX("blackbox", "/-/healthy", StackProfile.BLACKBOX, false, "prometheus-blackbox-exporter", "blackbox_exporter"),
    /** Docker runtime only: cAdvisor reads the engine's containers, and it is not packaged for hosts. */
    CADVISOR("cadvisor", "/healthz", StackProfile.CADVISOR, false);

    private final String key;
    private final String readyPath;
    private final StackProfile profile;
    private final boolean required;
    private final List<String> binaries;

    StackService(String key, String readyPath, StackProfile profile, boolean required, String... binaries) {
        this.key = key;
        this.readyPath = readyPath;
        this.profile = profile;
        this.required = required;
        this.binaries = List.of(binaries);
    }

    /** The name used in {@code stack.ports}, pid files and reports. */
    public String key() {
        return key;
    }

    public String readyPath() {
        return readyPath;
    }

    /** The {@code --with} profile that adds this service, or null when it is always part of the stack. */
    public StackProfile profile() {
        return profile;
    }

    /** Whether the native runtime must find its binary (otherwise it says "not installed, skipped"). */
    public boolean required() {
        return required;
    }

    /** Binary names looked up on PATH, upstream and Debian names; empty for p21mon itself and cAdvisor. */
    public List<String> binaries() {
        return binaries;
    }

    /** The services a stack with these profiles runs, in start order. */
    public static List<StackService> of(java.util.Collection<StackProfile> profiles) {
        return java.util.Arrays.stream(values()).filter(s -> s.profile == null || profiles.contains(s.profile)).toList();
    }

    /** The services of the stack in {@code layout}: those of its manifest's profiles. */
    public static List<StackService> of(StackManifest manifest) {
        return of(manifest.profiles());
    }

    /** The service of this {@code stack.ports} key. */
    public static StackService byKey(String key) {
        for (StackService s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no stack service " + key);
    }
}
