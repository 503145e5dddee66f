package io.perfect21.p21mon.metrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * A registry that answers scrapes from a cached copy of another registry's snapshots. The copy is rebuilt when the
 * background refresh has produced new data ({@code generation} changed) or when it is older than {@code maxAgeNanos}
 * (so the JVM and process metrics stay fresh), by one scrape at a time: while one rebuilds, the others are answered
 * from the previous copy at once. The source's collectors read only in-memory state, so a rebuild costs well under
 * a millisecond and no scrape ever waits on the host.
 */
public final class CachingRegistry extends PrometheusRegistry {
    private record Cached(long generation, long builtAtNanos, MetricSnapshots snapshots) {
    }

    private final PrometheusRegistry source;
    private final LongSupplier generation;
    private final long maxAgeNanos;
    private final ReentrantLock rebuilding = new ReentrantLock();
    private volatile Cached cached;

    public CachingRegistry(PrometheusRegistry source, LongSupplier generation, long maxAgeNanos) {
        this.source = source;
        this.generation = generation;
        this.maxAgeNanos = maxAgeNanos;
    }

    /** The current snapshots, rebuilt first when stale (see the class comment). */
    public MetricSnapshots current() {
        Cached c = cached;
        long gen = generation.getAsLong();
        long now = System.nanoTime();
        if (c != null && c.generation == gen && now - c.builtAtNanos < maxAgeNanos) {
            return c.snapshots;
        }
        if (c != null) {
            if (!rebuilding.tryLock()) {
                return c.snapshots;
            }
        } else {
            rebuilding.lock();
        }
        try {
            Cached again = cached;
            if (again != null && again != c) {
                return again.snapshots;
            }
            Cached fresh = new Cached(gen, System.nanoTime(), source.scrape());
            cached = fresh;
            return fresh.snapshots;
        } finally {
            rebuilding.unlock();
        }
    }

    /**
     * Makes sure the cached copy holds at least the data of {@code minGeneration}, rebuilding it (waiting for a
     * rebuild under way) if not: after this, every scrape is answered from that data or newer.
     */
    public void rebuiltSince(long minGeneration) {
        Cached c = cached;
        if (c != null && c.generation >= minGeneration) {
            return;
        }
        rebuilding.lock();
        try {
            Cached again = cached;
            if (again == null || again.generation < minGeneration) {
                long gen = generation.getAsLong();
                cached = new Cached(gen, System.nanoTime(), source.scrape());
            }
        } finally {
            rebuilding.unlock();
        }
    }

    @Override
    public MetricSnapshots scrape() {
        return current();
    }

    @Override
    public MetricSnapshots scrape(PrometheusScrapeRequest request) {
        return current();
    }

    @Override
    public MetricSnapshots scrape(Predicate<String> includedNames) {
        return filter(current(), includedNames);
    }

    @Override
    public MetricSnapshots scrape(Predicate<String> includedNames, PrometheusScrapeRequest request) {
        return filter(current(), includedNames);
    }

    private static MetricSnapshots filter(MetricSnapshots all, Predicate<String> includedNames) {
        if (includedNames == null) {
            return all;
        }
        MetricSnapshots.Builder b = MetricSnapshots.builder();
        for (MetricSnapshot s : all) {
            if (includedNames.test(s.getMetadata().getPrometheusName())) {
                b.metricSnapshot(s);
            }
        }
        return b.build();
    }
}
