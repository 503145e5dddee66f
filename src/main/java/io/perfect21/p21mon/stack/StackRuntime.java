package io.perfect21.p21mon.stack;

/**
 * How {@code stack up} runs the stack: {@code docker} (Docker Compose: the plugin, or {@code docker-compose} v1),
 * {@code native} (the binaries on PATH as plain processes), or {@code auto}: docker when an engine answers and a
 * compose is installed, else native. {@link #toString()} is the name a user types.
 */
public enum StackRuntime {
    AUTO, DOCKER, NATIVE;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The runtime of a name as typed.
     *
     * @throws IllegalArgumentException naming the value and the runtimes there are
     */
    public static StackRuntime parse(String name) {
        for (StackRuntime r : values()) {
            if (r.toString().equalsIgnoreCase(name.strip())) {
                return r;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a runtime; runtimes: auto, docker, native");
    }
}
