package io.perfect21.p21mon.cli.render;

import io.perfect21.p21mon.health.HealthCheckResult;
import io.perfect21.p21mon.health.HealthReport;
import io.perfect21.p21mon.health.HealthStatus;
import io.perfect21.p21mon.host.CpuTimes;
import io.perfect21.p21mon.host.FileSystemUsage;
import io.perfect21.p21mon.host.HostSample;
import io.perfect21.p21mon.host.LoadAverage;
import io.perfect21.p21mon.host.MemoryUsage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TopScreenTest {
    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    private static TopScreen.View view(TopScreen.Sort sort, boolean help) {
        HostSample sample = new HostSample(AT, new CpuTimes(Map.of("user", 1.0)), List.of(),
                new MemoryUsage(4L << 30, 1L << 30, 0, 0), new LoadAverage(0.5, 0.25, 0.125),
                List.of(new FileSystemUsage("/", "/dev/vda", "ext4", 100, 10, 10, 0, 0),
                        new FileSystemUsage("/data", "/dev/vdb", "ext4", 100, 90, 90, 0, 0)),
                List.of());
        HostSample.Rates rates = new HostSample.Rates(2, 0.5, List.of(1.0, 0.0), 2048, 0);
        HealthReport health = new HealthReport(HealthStatus.UNHEALTHY, "h", AT, 30, List.of(
                HealthCheckResult.of("alpha", "tcp", HealthStatus.HEALTHY, "ok").withDuration(5),
                HealthCheckResult.of("beta", "http", HealthStatus.UNHEALTHY, "down").withDuration(1),
                HealthCheckResult.of("gamma", "git", HealthStatus.DEGRADED, "dirty").withDuration(20)));
        return new TopScreen.View("h", AT, Duration.ofSeconds(2), sample, rates, health,
                List.of(new TopScreen.FiringAlert("HighCPUUsage", "warning", "CPU above 90%", AT)), List.of(), 0.8,
                sort, false, help);
    }

    private static List<String> checks(List<String> lines) {
        return lines.stream().filter(l -> l.matches("  (healthy|degraded|unhealthy|unknown) .*"))
                .map(l -> l.replaceAll("^ +\\S+ +(\\S+).*", "$1")).toList();
    }

    @Test
    void drawsBarsInProportionAndOnlyTheFileSystemsNearTheirThreshold() {
        List<String> lines = TopScreen.draw(view(TopScreen.Sort.STATUS, false), 80, 40, Style.PLAIN);
        assertThat(lines).anyMatch(l -> l.startsWith("CPU  [" + "|".repeat(20) + " ".repeat(20) + "]  50.0%"));
        assertThat(lines).anyMatch(l -> l.matches(" +0 \\[\\|+\\] 100\\.0% +1 \\[ +\\]   0\\.0%"));
        assertThat(lines).anyMatch(l -> l.startsWith("Mem ") && l.contains("75.0%") && l.contains("3.0 GiB / 4.0 GiB"));
        assertThat(lines).anyMatch(l -> l.contains("Net rx 2.0 KiB/s"));
        assertThat(String.join("\n", lines)).contains("  /  ").doesNotContain("/data");
        assertThat(lines).anyMatch(l -> l.contains("HighCPUUsage [warning]  CPU above 90%"));
    }

    @Test
    void sortsTheChecksByStatusNameOrDuration() {
        assertThat(checks(TopScreen.draw(view(TopScreen.Sort.STATUS, false), 100, 40, Style.PLAIN)))
                .containsExactly("beta", "gamma", "alpha");
        assertThat(checks(TopScreen.draw(view(TopScreen.Sort.NAME, false), 100, 40, Style.PLAIN)))
                .containsExactly("alpha", "beta", "gamma");
        assertThat(checks(TopScreen.draw(view(TopScreen.Sort.DURATION, false), 100, 40, Style.PLAIN)))
                .containsExactly("gamma", "alpha", "beta");
    }

    @Test
    void fillsTheScreenExactlyWithTheKeysOnTheLastLineAndCutsToTheWidth() {
        List<String> lines = TopScreen.draw(view(TopScreen.Sort.STATUS, false), 50, 30, Style.PLAIN);
        assertThat(lines).hasSize(30).allMatch(l -> l.length() <= 50);
        assertThat(lines.get(29)).startsWith("q quit  h help  s sort (status)  p pause");
        List<String> small = TopScreen.draw(view(TopScreen.Sort.STATUS, false), 50, 8, Style.PLAIN);
        assertThat(small).hasSize(8);
    }

    @Test
    void widthIsCountedWithoutColourCodes() {
        List<String> lines = TopScreen.draw(view(TopScreen.Sort.STATUS, false), 60, 30, new Style(true));
        assertThat(lines).allMatch(l -> l.replaceAll("\u001b\\[[0-9;]*m", "").length() <= 60);
        assertThat(String.join("", lines)).contains("\u001b[31munhealthy");
    }

    @Test
    void thePlainPrintHasNoPaddingAndNoKeys() {
        List<String> lines = TopScreen.draw(view(TopScreen.Sort.STATUS, false), 100, 0, Style.PLAIN);
        assertThat(lines.get(lines.size() - 1)).doesNotContain("q quit");
        assertThat(lines.get(lines.size() - 1)).isNotBlank();
    }

    @Test
    void helpReplacesTheViewUntilAKey() {
        assertThat(String.join("\n", TopScreen.draw(view(TopScreen.Sort.NAME, true), 80, 20, Style.PLAIN)))
                .contains("q  quit", "s  sort", "(now: name)", "p  pause").doesNotContain("Mem ");
    }
}
