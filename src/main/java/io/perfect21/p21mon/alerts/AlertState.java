package io.perfect21.p21mon.alerts;

import io.perfect21.p21mon.IoErrors;
import com.fasterxml.jackson.core.type.TypeReference;
import io.perfect21.p21mon.AtomicFiles;
import io.perfect21.p21mon.Json;
import io.perfect21.p21mon.P21monException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What was last notified for each alert key, kept in the state directory between runs (one JSON file per namespace,
 * written atomically): the state it was in, the labels it was sent with, since when it fires and when it was last
 * notified. {@link Notifier} reads and writes it under its lock.
 */
public final class AlertState {
    /** One alert key's remembered state. */
    public record Entry(String state, boolean firing, Map<String, String> labels, Map<String, String> annotations,
                        Instant startsAt, Instant lastNotifiedAt) {
    }

    private static final String SUFFIX = "-alerts.json";

    private final Path file;
    private final Map<String, Entry> entries;

    private AlertState(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** Reads {@code dir/<namespace>-alerts.json}; empty when it does not exist. */
    public static AlertState load(Path dir, String namespace) {
        Path file = dir.resolve(namespace + SUFFIX);
        if (!Files.exists(file)) {
            return new AlertState(file, new TreeMap<>());
        }
        try {
            Map<String, Entry> m = Json.mapper().readValue(file.toFile(), new TypeReference<TreeMap<String, Entry>>() { });
            return new AlertState(file, m == null ? new TreeMap<>() : m);
        } catch (IOException e) {
            throw P21monException.failed(file + ": cannot read alert state (" + IoErrors.describe(e)
                    + "); move it away to start afresh", e);
        }
    }

    /**
     * Every entry that fires, in every namespace's state file in {@code dir} (what {@code health --notify},
     * {@code alerts eval} and {@code run} have notified and not yet resolved); an unreadable file is skipped.
     */
    public static java.util.List<Entry> firing(Path dir) {
        java.util.List<Entry> out = new java.util.ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                String name = f.getFileName().toString();
                try {
                    load(dir, name.substring(0, name.length() - SUFFIX.length())).entries().values().stream()
                            .filter(Entry::firing).forEach(out::add);
                } catch (P21monException e) {
                    // unreadable: `p21mon alerts` and the next notifying run say why
                }
            }
        } catch (IOException e) {
            // an unlistable state dir holds no alerts we can show
        }
        return out;
    }

    public Entry get(String key) {
        return entries.get(key);
    }

    public void put(String key, Entry entry) {
        entries.put(key, entry);
    }

    public void remove(String key) {
        entries.remove(key);
    }

    public Map<String, Entry> entries() {
        return java.util.Collections.unmodifiableMap(entries);
    }

    /** Writes the state atomically, mode 0600. */
    public void save() {
        try {
            AtomicFiles.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(entries),
                    PosixFilePermissions.fromString("rw-------"), true);
        } catch (IOException e) {
            throw P21monException.failed("cannot write " + file + ": " + IoErrors.describe(file, e), e);
        }
    }
}
