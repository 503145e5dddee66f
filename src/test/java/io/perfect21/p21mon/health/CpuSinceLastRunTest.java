package io.perfect21.p21mon.health;

import io.perfect21.p21mon.config.ConfigLoader;
import io.perfect21.p21mon.config.P21monConfig;
import io.perfect21.p21mon.health.checks.SystemResourcesCheck;
import io.perfect21.p21mon.host.CpuSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code system_resources} from cron: the CPU usage since the previous run's snapshot (kept in the state directory)
 * when it is recent, with no sampling window; the same figure as a sampled run on a steady host; a corrupt, foreign,
 * too old or too recent snapshot falls back to sampling (with a warning for the first two).
 */
class CpuSinceLastRunTest {
    static final String CONFIG = "health: {cpu_sample_ms: 200, interval: 60s, checks: [{name: sys, type: system_resources}]}";

    @TempDir
    Path dir;
    final FakeHost host = new FakeHost();
    Path snapshot;

    @BeforeEach
    void steadyHost() {
        host.steady = true;
        host.cpuPercent = 37.5;
        snapshot = dir.resolve("state").resolve(SystemResourcesCheck.SNAPSHOT_FILE);
    }

    HealthCheckResult run() {
        P21monConfig config = new ConfigLoader(Map.of(), dir).parse(CONFIG, "p21mon.yaml");
        HealthContext ctx = new HealthContext(config, Optional.empty(), () -> host, Map.of(), dir, dir.resolve("state"));
        return HealthChecks.runner(HealthChecks.builtIn().build(ctx), ctx).run().checks().get(0);
    }

    /** A snapshot of this steady host taken {@code secondsAgo} ago. */
    void snapshotTaken(double secondsAgo) {
        long at = System.currentTimeMillis() - (long) (secondsAgo * 1000);
        new CpuSnapshot(at, host.cores, host.steadyTimes(at)).write(snapshot);
    }

    @Test
    void aFirstRunSamplesAndLeavesASnapshot() throws Exception {
        HealthCheckResult r = run();
        assertThat(r.details()).containsEntry("cpu_percent", 37.5).containsEntry("cpu_span_source", "sampled")
                .doesNotContainKey("cpu_warning");
        assertThat((Double) r.details().get("cpu_span_seconds")).isGreaterThanOrEqualTo(0.2);
        CpuSnapshot left = CpuSnapshot.read(snapshot);
        assertThat(left.cores()).isEqualTo(4);
        assertThat(left.takenAtMillis()).isLessThanOrEqualTo(System.currentTimeMillis());
    }

    @Test
    void aRecentSnapshotGivesTheSameFigureAsASampledRunOverTheSpanSinceThen() {
        HealthCheckResult sampled = run();
        snapshotTaken(45);
        HealthCheckResult since = run();
        assertThat(since.details()).containsEntry("cpu_span_source", "since_last_run")
                .containsEntry("cpu_percent", sampled.details().get("cpu_percent"))
                .containsEntry("memory_percent", sampled.details().get("memory_percent"))
                .doesNotContainKey("cpu_warning");
        assertThat((Double) since.details().get("cpu_span_seconds")).isBetween(45.0, 60.0);
        assertThat(since.status()).isEqualTo(sampled.status());
        assertThat(since.perfdata()).filteredOn(p -> p.label().equals("cpu_span")).singleElement()
                .satisfies(p -> assertThat(p.uom()).isEqualTo("s"));
        // the next run starts from the snapshot this one left
        assertThat(run().details()).containsEntry("cpu_span_source", "sampled"); // younger than the 200 ms window
    }

    @Test
    void aSnapshotOlderThanTwiceTheIntervalIsNotUsed() {
        snapshotTaken(121);
        HealthCheckResult r = run();
        assertThat(r.details()).containsEntry("cpu_span_source", "sampled").containsEntry("cpu_percent", 37.5)
                .doesNotContainKey("cpu_warning");
    }

    @Test
    void aCorruptSnapshotFallsBackToSamplingWithAWarningAndIsReplaced() throws Exception {
        Files.createDirectories(snapshot.getParent());
        Files.writeString(snapshot, "p21mon-cpu-snapshot 1\ntaken_at_ms 12x\n");
        HealthCheckResult r = run();
        assertThat(r.details()).containsEntry("cpu_span_source", "sampled").containsEntry("cpu_percent", 37.5);
        assertThat((String) r.details().get("cpu_warning")).contains(snapshot.toString())
                .contains("bad taken_at_ms '12x'").endsWith("; sampled instead");
        assertThat(CpuSnapshot.read(snapshot).cores()).isEqualTo(4);
    }

    @Test
    void aForeignFileOrAnotherHostsCountersFallBackToSamplingWithAWarning() {
        writeRaw("{\"status\":\"healthy\"}\n");
        assertThat((String) run().details().get("cpu_warning")).contains("not a p21mon CPU snapshot");

        long at = System.currentTimeMillis() - 30_000;
        new CpuSnapshot(at, 64, host.steadyTimes(at)).write(snapshot);
        assertThat((String) run().details().get("cpu_warning")).contains("taken with 64 processors, this host has 4");

        FakeHost other = new FakeHost();
        other.cores = 4;
        new CpuSnapshot(at, 4, other.steadyTimes(at / 3)).write(snapshot); // counters far behind the clock
        HealthCheckResult r = run();
        assertThat(r.details()).containsEntry("cpu_span_source", "sampled").containsEntry("cpu_percent", 37.5);
        assertThat((String) r.details().get("cpu_warning")).contains("not this host's");
    }

    @Test
    void concurrentRunsLeaveOneWholeSnapshot() throws Exception {
        snapshotTaken(30);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HealthCheckResult>> runs = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                runs.add(pool.submit(this::run));
            }
            for (Future<HealthCheckResult> f : runs) {
                assertThat(f.get().details()).containsEntry("cpu_percent", 37.5).doesNotContainKey("cpu_warning");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(CpuSnapshot.read(snapshot).cores()).isEqualTo(4);
        try (var files = Files.list(snapshot.getParent())) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(SystemResourcesCheck.SNAPSHOT_FILE);
        }
    }

    void writeRaw(String text) {
        try {
            Files.createDirectories(snapshot.getParent());
            Files.writeString(snapshot, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
