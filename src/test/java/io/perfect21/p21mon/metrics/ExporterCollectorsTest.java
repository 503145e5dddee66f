package io.perfect21.p21mon.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExporterCollectorsTest {

    static String text(MetricSnapshots s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, s);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void hostMetricsCarryTheProbeValuesAsNodeExporterStyleSeries() throws Exception {
        ExporterState state = new ExporterState();
        state.host(HostSnapshot.read(new FakeHostProbe(), Instant.ofEpochSecond(1_700_000_100L)));
        String t = text(ExporterMetrics.registry(state, Map.of(), false).scrape());
        assertThat(t).contains("p21_host_cpu_seconds_total{mode=\"user\"} 100.5\n",
                "p21_host_memory_available_bytes 6.0E9\n",
                "p21_host_filesystem_avail_bytes{device=\"/dev/sda1\",fstype=\"ext4\",mountpoint=\"/\"} 30000.0\n",
                "p21_host_network_receive_errs_total{device=\"eth0\"} 1.0\n",
                "p21_host_disk_io_time_seconds_total{device=\"sda\"} 1.5\n",
                "p21_host_load15 0.125\n",
                "p21_host_uptime_seconds 100.0\n",
                "p21_host_info{hostname=\"fakehost\"} 1\n");
    }

    @Test
    void customLabelsAreOnEverySeriesIncludingJvmMetrics() throws Exception {
        ExporterState state = MetricNamesGoldenTest.fullState();
        String t = text(ExporterMetrics.registry(state, Map.of("env", "prod", "team", "ops"), true).scrape());
        long series = t.lines().filter(l -> !l.startsWith("#")).count();
        long labelled = t.lines().filter(l -> !l.startsWith("#"))
                .filter(l -> l.contains("env=\"prod\"") && l.contains("team=\"ops\"")).count();
        assertThat(series).isGreaterThan(50);
        assertThat(labelled).isEqualTo(series);
    }

    @Test
    void aScrapeReadsTheCachedSnapshotAndNeverTheHost() {
        FakeHostProbe probe = new FakeHostProbe();
        ExporterState state = new ExporterState();
        MetricsRefresher refresher = new MetricsRefresher(state, () -> probe, Map.of(), Duration.ofHours(1),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        refresher.refreshAll();
        int reads = probe.cpuReads.get();
        assertThat(reads).as("the refresh read the host (else 'never' below proves nothing)").isPositive();
        assertThat(state.host()).as("the cached snapshot").isNotNull();
        PrometheusRegistry registry = ExporterMetrics.registry(state, Map.of(), false);
        for (int i = 0; i < 100; i++) {
            assertThat(registry.scrape().stream().map(m -> m.getMetadata().getPrometheusName()))
                    .contains("p21_host_cpu_seconds", "p21_host_memory_available_bytes");
        }
        assertThat(probe.cpuReads.get()).isEqualTo(reads);
    }

    @Test
    void cachingRegistryRebuildsOnlyWhenTheRefreshProducedNewData() {
        FakeHostProbe probe = new FakeHostProbe();
        ExporterState state = new ExporterState();
        state.host(HostSnapshot.read(probe, Instant.EPOCH));
        CachingRegistry cache = new CachingRegistry(ExporterMetrics.registry(state, Map.of(), false),
                state::generation, Duration.ofHours(1).toNanos());
        MetricSnapshots first = cache.scrape();
        assertThat(cache.scrape()).isSameAs(first);
        probe.userSeconds = 200;
        state.host(HostSnapshot.read(probe, Instant.EPOCH));
        MetricSnapshots second = cache.scrape();
        assertThat(second).isNotSameAs(first);
        assertThat(cache.scrape(n -> n.equals("p21_host_load1")).size()).isEqualTo(1);
    }

    @Test
    void aFailingRefreshKeepsTheLastDataAndIsCounted() {
        ExporterState state = new ExporterState();
        FakeHostProbe good = new FakeHostProbe();
        boolean[] fail = {false};
        MetricsRefresher refresher = new MetricsRefresher(state, () -> {
            if (fail[0]) {
                throw new IllegalStateException("probe broke");
            }
            return good;
        }, Map.of(), Duration.ofHours(1), Clock.systemUTC());
        refresher.refreshAll();
        HostSnapshot before = state.host();
        fail[0] = true;
        refresher.refreshAll();
        assertThat(state.host()).isSameAs(before);
        assertThat(state.refreshes().get("host").runs()).isEqualTo(2);
        assertThat(state.refreshes().get("host").errors()).isEqualTo(1);
        assertThat(state.refreshes().get("host").lastError()).contains("probe broke");
    }

    @Test
    void backgroundRefreshRunsOnItsInterval() throws Exception {
        FakeHostProbe probe = new FakeHostProbe();
        ExporterState state = new ExporterState();
        try (MetricsRefresher refresher = new MetricsRefresher(state, () -> probe, Map.of(), Duration.ofMillis(50),
                Clock.systemUTC())) {
            refresher.start();
            long deadline = System.currentTimeMillis() + 60_000; // waits only until it holds; a busy machine may be slow
            while (state.refreshes().getOrDefault("host", ExporterState.RefreshStats.NONE).runs() < 3
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
        }
        assertThat(state.refreshes().get("host").runs()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void gitRepositoriesAreReadWithJgit(@TempDir Path dir) throws Exception {
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.init().setDirectory(dir.toFile())
                .setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("a.txt"), "one");
            git.add().addFilepattern("a.txt").call();
            git.commit().setMessage("first").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                    .setSign(false).call();
            Files.writeString(dir.resolve("a.txt"), "changed");
            Files.writeString(dir.resolve("new.txt"), "untracked");
        }
        GitRepoStats s = GitRepoReader.read("app", dir);
        assertThat(s.up()).isTrue();
        assertThat(s.branch()).isEqualTo("main");
        assertThat(s.dirtyFiles()).isEqualTo(1);
        assertThat(s.untrackedFiles()).isEqualTo(1);
        assertThat(s.hasUpstream()).isFalse();
        assertThat(s.lastCommitEpochSeconds()).isGreaterThan(1_700_000_000L);

        GitRepoStats missing = GitRepoReader.read("gone", dir.resolve("nope"));
        assertThat(missing.up()).isFalse();
    }
}
