package io.perfect21.p21mon.stack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Finds programs on a PATH (the one p21mon was given, not necessarily the JVM's). */
final class Binaries {
    private Binaries() {
    }

    static Optional<Path> find(Map<String, String> env, Iterable<String> names) {
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The Debian package that ships a service's binary, for "install it" messages. */
    static String debianPackage(StackService s) {
        return switch (s) {
            case PROMETHEUS -> "prometheus";
            case ALERTMANAGER -> "prometheus-alertmanager";
            case PUSHGATEWAY -> "prometheus-pushgateway";
            case NODE_EXPORTER -> "prometheus-node-exporter";
            case GRAFANA -> "grafana (from Grafana's apt repository)";
            case LOKI -> "loki (from Grafana's apt repository)";
            case JAEGER -> "jaeger-all-in-one (a release binary from jaegertracing.io)";
            case P21MON -> "p21mon";
        };
    }
}
