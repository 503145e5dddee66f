package io.perfect21.p21mon.metrics;

import io.perfect21.p21mon.health.HealthReport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the background refresh last read, shared with the collectors that scrapes read: the host snapshot, the git
 * repositories' state, the last health report, and per source ({@code host}, {@code git}, {@code health}) how the refreshes went. Every update
 * bumps {@link #generation()}, which tells the exposition cache to rebuild.
 */
public final class ExporterState {
    /** How the refreshes of one source went; times in seconds (epoch for the timestamp). */
    public record RefreshStats(long runs, long errors, double lastSuccessEpochSeconds, double lastDurationSeconds,
                               String lastError) {
        static final RefreshStats NONE = new RefreshStats(0, 0, 0, 0, null);
    }

    private volatile HostSnapshot host;
    private volatile List<GitRepoStats> git = List.of();
    private volatile HealthReport health;
    private final AtomicLong generation = new AtomicLong();
    private final Map<String, RefreshStats> refreshes = new ConcurrentHashMap<>();

    public HostSnapshot host() {
        return host;
    }

    public void host(HostSnapshot snapshot) {
        this.host = snapshot;
        generation.incrementAndGet();
    }

    public List<GitRepoStats> git() {
        return git;
    }

    public void git(List<GitRepoStats> stats) {
        this.git = List.copyOf(stats);
        generation.incrementAndGet();
    }

    /** The last health report, or null before the first health run ends. */
    public HealthReport health() {
        return health;
    }

    public void health(HealthReport report) {
        this.health = report;
        generation.incrementAndGet();
    }

    /** Incremented by every update. */
    public long generation() {
        return generation.get();
    }

    /** Records one refresh of a source: when it ended (epoch seconds), how long it took, and its error if it failed. */
    public void refreshed(String source, double endEpochSeconds, double durationSeconds, String error) {
        refreshes.compute(source, (k, old) -> {
            RefreshStats o = old == null ? RefreshStats.NONE : old;
            return new RefreshStats(o.runs() + 1, o.errors() + (error == null ? 0 : 1),
                    error == null ? endEpochSeconds : o.lastSuccessEpochSeconds(), durationSeconds, error);
        });
        generation.incrementAndGet();
    }

    /** The refresh statistics by source, in no particular order. */
    public Map<String, RefreshStats> refreshes() {
        return Map.copyOf(refreshes);
    }
}
