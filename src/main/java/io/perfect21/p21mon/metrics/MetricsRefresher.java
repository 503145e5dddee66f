package io.perfect21.p21mon.metrics;

import io.perfect21.p21mon.host.HostProbe;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Refreshes the {@link ExporterState} in the background, every {@code interval} (a source may have its own), each
 * source on its own daemon
 * thread so a slow source (a big git repository, a health check waiting for its timeout) never delays the others.
 * A refresh that throws keeps the previous data and is counted as an error; the schedule goes on.
 */
public final class MetricsRefresher implements AutoCloseable {
    private final ExporterState state;
    private final Clock clock;
    private final Duration interval;
    private final Map<String, Runnable> sources = new LinkedHashMap<>();
    private final Map<String, Duration> intervals = new LinkedHashMap<>();
    private final Set<String> refreshedOnce = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService scheduler;

    /**
     * @param repos repository label to work-tree path, in {@code metrics.git_repos} order
     */
    public MetricsRefresher(ExporterState state, Supplier<HostProbe> probe, Map<String, Path> repos,
                            Duration interval, Clock clock) {
        this.state = state;
        this.clock = clock;
        this.interval = interval;
        sources.put("host", () -> state.host(HostSnapshot.read(probe.get(), clock.instant())));
        if (!repos.isEmpty()) {
            Map<String, Path> copy = new LinkedHashMap<>(repos);
            sources.put("git", () -> {
                List<GitRepoStats> stats = new ArrayList<>();
                copy.forEach((label, path) -> stats.add(GitRepoReader.read(label, path)));
                state.git(stats);
            });
        }
    }

    /** Adds another source (the health checks) refreshed every {@code every}. */
    public MetricsRefresher source(String name, Duration every, Runnable refresh) {
        sources.put(name, refresh);
        intervals.put(name, every);
        return this;
    }

    /** Drops a source (before {@link #start()}). */
    public MetricsRefresher without(String name) {
        sources.remove(name);
        return this;
    }

    /** Runs every source once, in this thread. */
    public void refreshAll() {
        sources.forEach(this::refresh);
    }

    /** Runs one source once, recording how it went. */
    public void refresh(String name) {
        refresh(name, sources.get(name));
    }

    private void refresh(String name, Runnable task) {
        long start = System.nanoTime();
        String error = null;
        try {
            task.run();
        } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
            // an OutOfMemoryError too (the exporter's heap is small): counted and retried, where an Error thrown out
            // of a scheduled task would silently end its schedule
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        state.refreshed(name, clock.millis() / 1000.0, seconds, error);
        refreshedOnce.add(name);
    }

    /**
     * Whether every source has ended its first refresh (successfully or not: a failed one is exported as an error),
     * so that every family the exporter serves has its first values.
     */
    public boolean refreshedOnce() {
        return refreshedOnce.containsAll(sources.keySet());
    }

    /** The sources whose first refresh has not ended yet, in order. */
    public List<String> pending() {
        return sources.keySet().stream().filter(s -> !refreshedOnce.contains(s)).toList();
    }

    /** Starts the schedule: every source now, then every interval. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newScheduledThreadPool(sources.size(), r -> {
            Thread t = new Thread(r, "p21mon-refresh");
            t.setDaemon(true);
            return t;
        });
        sources.forEach((name, task) -> {
            long period = Math.max(1, intervals.getOrDefault(name, interval).toMillis());
            scheduler.scheduleAtFixedRate(() -> refresh(name, task), 0, period, TimeUnit.MILLISECONDS);
        });
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }
}
