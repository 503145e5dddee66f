package io.perfect21.p21mon.health;

import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.host.HostProbe;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What check factories may use besides their own {@code CheckConfig}: the whole configuration and the file it came
 * from, the host probe (created on first use), the environment, the working directory (a relative path the
 * configuration file gave was already made absolute against the file's directory; others resolve against it) and the
 * state directory.
 */
public record HealthContext(P21monConfig config, Optional<Path> configSource, Supplier<HostProbe> hostProbe,
                            Map<String, String> env, Path workDir, Path stateDir) {

    public HealthContext {
        configSource = configSource == null ? Optional.empty() : configSource;
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    /** A path from the configuration, resolved against the working directory. */
    public Path resolve(String path) {
        return workDir.resolve(path);
    }
}
