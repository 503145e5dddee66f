package io.perfect21.p21mon.config;

import java.util.List;
import java.util.Map;

/** Null-coalescing for the records' compact constructors, where Jackson passes null for a missing key. */
final class Defaults {
    private Defaults() {
    }

    static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /**
     * The list without its null items: an entry that could not be read (its problem is already reported) is left out,
     * so one broken entry does not take its whole section, and what the validators check, with it.
     */
    static <T> List<T> list(List<T> value) {
        return value != null ? value.stream().filter(java.util.Objects::nonNull).toList() : List.of();
    }

    static <K, V> Map<K, V> map(Map<K, V> value) {
        return value != null ? Map.copyOf(value) : Map.of();
    }

    static double percent(String key, Double value, double fallback) {
        double v = value != null ? value : fallback;
        if (v < 0 || v > 100) {
            throw new IllegalArgumentException(key + " must be a percentage from 0 to 100, got " + v);
        }
        return v;
    }

    static int port(String key, Integer value, int fallback) {
        int v = value != null ? value : fallback;
        if (v < 1 || v > 65535) {
            throw new IllegalArgumentException(key + " must be a port from 1 to 65535, got " + v);
        }
        return v;
    }
}
