package io.perfect21.p21mon.stack;

import java.nio.file.Path;

/**
 * Where a stack's files live under its directory ({@code stack.dir}): the compose file and the docker-side
 * configurations at the top, the native runtime's variants (loopback addresses, absolute paths) under
 * {@code native/}, and the runtime state (pid files, logs, data) under {@code .run/}.
 */
public record StackLayout(Path dir) {
    /** The stack format this p21mon writes and reads; another one is a stack dir written by another version. */
    public static final int FORMAT = 1;

    public StackLayout {
        dir = dir.toAbsolutePath().normalize();
    }

    public Path compose() {
        return dir.resolve("docker-compose.monitoring.yml");
    }

    public Path envFile() {
        return dir.resolve(".env");
    }

    /** What {@code stack config} wrote: format, version, profiles, each file's content hash. */
    public Path manifest() {
        return dir.resolve(".p21mon-stack.json");
    }

    public Path nativeDir() {
        return dir.resolve("native");
    }

    public Path rulesDir() {
        return dir.resolve("rules");
    }

    public Path targetsDir() {
        return dir.resolve("targets");
    }

    public Path dashboardsDir() {
        return dir.resolve("grafana/dashboards");
    }

    /** Runtime state: pid files, logs, data of the native runtime, the runtime marker. */
    public Path runDir() {
        return dir.resolve(".run");
    }

    public Path pidFile(String service) {
        return runDir().resolve(service + ".pid");
    }

    public Path logFile(String service) {
        return runDir().resolve(service + ".log");
    }

    public Path dataDir(String service) {
        return runDir().resolve("data").resolve(service);
    }

    /** Which runtime {@code stack up} used ({@code native} or {@code docker}). */
    public Path runtimeMarker() {
        return runDir().resolve("runtime");
    }
}
