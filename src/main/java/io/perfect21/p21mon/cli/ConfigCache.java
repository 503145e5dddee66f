package io.perfect21.p21mon.cli;

import io.perfect21.p21mon.config.ConfigLoader;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Loaded configurations kept across the commands of one {@code p21mon shell} session, by the {@code -c} file asked
 * for (none: the default search). {@code reload} clears it, so the next command reads the file again. A load that
 * fails is not kept: the next command tries again (and reports the error again).
 */
public final class ConfigCache {
    private final Map<Optional<Path>, ConfigLoader.Loaded> loaded = new HashMap<>();

    synchronized ConfigLoader.Loaded get(Path file, Supplier<ConfigLoader.Loaded> load) {
        Optional<Path> key = Optional.ofNullable(file);
        ConfigLoader.Loaded l = loaded.get(key);
        if (l == null) {
            l = load.get();
            loaded.put(key, l);
        }
        return l;
    }

    /** Forgets every loaded configuration. */
    public synchronized void clear() {
        loaded.clear();
    }
}
